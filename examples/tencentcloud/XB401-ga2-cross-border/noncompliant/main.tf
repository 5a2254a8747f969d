# A GA2 accelerator switched to China Unicom cross-border acceleration.
provider "tencentcloud" {
  region = "ap-guangzhou"
}

resource "tencentcloud_ga2_global_accelerator" "app" {
  name = "app-accel"

  cross_border_type         = "Unicom"
  cross_border_promise_flag = true
}

resource "tencentcloud_ga2_accelerate_area" "entry" {
  global_accelerator_id = tencentcloud_ga2_global_accelerator.app.id
  accelerate_region     = "ap-shanghai"
  isp_type              = "BGP"
  bandwidth             = 100
}

resource "tencentcloud_ga2_endpoint_group" "origin" {
  global_accelerator_id = tencentcloud_ga2_global_accelerator.app.id
  listener_id           = "lis-0a1b2c3d"
  endpoint_group_type   = "DEFAULT"

  endpoint_group_configuration {
    name                  = "origin"
    endpoint_group_region = "ap-guangzhou"

    endpoint_configurations {
      endpoint_type    = "PublicIp"
      endpoint_service = "114.114.114.114"
      weight           = 10
    }
  }
}
