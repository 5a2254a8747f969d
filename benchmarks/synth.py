"""Deterministic synthetic repository for benchmarks: modules, variables, tfvars, every
provider exitlint knows, and Kubernetes manifests. Same size argument, same bytes."""

from __future__ import annotations

import random
from pathlib import Path

PROVIDERS = [
    ("aws", 'region = "cn-north-1"'),
    ("alicloud", 'region = "cn-hangzhou"'),
    ("tencentcloud", 'region = "ap-guangzhou"'),
    ("huaweicloud", 'region = "cn-north-4"'),
    ("azurerm", 'environment = "china"\n  features {}'),
]

MODULE_MAIN = '''variable "name" { type = string }
variable "peer_ip" { type = string }
variable "cidr" {
  type    = string
  default = "10.0.0.0/16"
}
locals {
  tags = { Name = var.name, Team = "net" }
}
resource "aws_vpc" "this" {
  cidr_block = var.cidr
  tags       = local.tags
}
resource "aws_customer_gateway" "this" {
  bgp_asn    = 65000
  ip_address = var.peer_ip
  type       = "ipsec.1"
  tags       = merge(local.tags, { Role = "cgw" })
}
resource "aws_security_group" "this" {
  vpc_id = aws_vpc.this.id
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
output "vpc_id" { value = aws_vpc.this.id }
'''

K8S = '''apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-{i}
  namespace: app
spec:
  replicas: 2
  selector:
    matchLabels: {{app: web-{i}}}
  template:
    metadata:
      labels: {{app: web-{i}}}
    spec:
      containers:
        - name: web
          image: nginx:1.27
          ports: [{{containerPort: 80}}]
---
apiVersion: v1
kind: Service
metadata:
  name: web-{i}
  namespace: app
spec:
  selector: {{app: web-{i}}}
  ports: [{{port: 80, targetPort: 80}}]
'''


def resource_block(rng: random.Random, provider: str, n: int) -> str:
    if provider == "aws":
        return (f'resource "aws_instance" "app{n}" {{\n  ami = "ami-{n:08x}"\n'
                f'  instance_type = "t3.micro"\n  tags = {{ Name = "app{n}" }}\n}}\n')
    if provider == "alicloud":
        ip = rng.choice(["114.114.114.114", "223.5.5.5", "10.0.0.1"])
        return (f'resource "alicloud_vpn_customer_gateway" "cgw{n}" {{\n  ip_address = "{ip}"\n'
                f'  name = "cgw{n}"\n}}\n')
    if provider == "tencentcloud":
        return (f'resource "tencentcloud_security_group_rule" "r{n}" {{\n'
                f'  security_group_id = "sg-{n}"\n  type = "ingress"\n  cidr_ip = "10.0.0.0/8"\n'
                f'  ip_protocol = "TCP"\n  port_range = "443"\n  policy = "ACCEPT"\n}}\n')
    if provider == "huaweicloud":
        return (f'resource "huaweicloud_vpc" "v{n}" {{\n  name = "v{n}"\n'
                f'  cidr = "172.16.0.0/16"\n}}\n')
    return (f'resource "azurerm_resource_group" "rg{n}" {{\n  name = "rg{n}"\n'
            f'  location = "China East 2"\n}}\n')


def generate(root: Path, size: int = 200, seed: int = 42) -> Path:
    """`size` root modules (each with provider, variables, tfvars and a module call), and as
    many Kubernetes manifests; about 4 files and 60 resources per unit."""
    rng = random.Random(seed)
    (root / "modules" / "edge").mkdir(parents=True, exist_ok=True)
    (root / "modules" / "edge" / "main.tf").write_text(MODULE_MAIN)
    for i in range(size):
        provider, setting = PROVIDERS[i % len(PROVIDERS)]
        env = root / "envs" / f"env{i:04d}"
        env.mkdir(parents=True, exist_ok=True)
        peer = rng.choice(["114.114.114.114", "18.184.10.10", "10.1.2.3"])
        (env / "main.tf").write_text(
            f'provider "{provider}" {{\n  {setting}\n}}\n'
            f'provider "aws" {{\n  region = "cn-northwest-1"\n}}\n'
            'module "edge" {\n  source  = "../../modules/edge"\n'
            f'  name    = "edge{i}"\n  peer_ip = var.peer_ip\n}}\n'
            + "".join(resource_block(rng, provider, n) for n in range(50)))
        (env / "variables.tf").write_text('variable "peer_ip" {\n  type = string\n}\n')
        (env / "terraform.tfvars").write_text(f'peer_ip = "{peer}"\n')
        k8s = root / "k8s" / f"app{i:04d}.yaml"
        k8s.parent.mkdir(parents=True, exist_ok=True)
        k8s.write_text(K8S.format(i=i))
    return root


if __name__ == "__main__":
    import sys

    print(generate(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 200))
