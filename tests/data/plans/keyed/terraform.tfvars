hk_region = "ap-east-1"
