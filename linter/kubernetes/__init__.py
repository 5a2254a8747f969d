"""Kubernetes manifests: tunnel, proxy and multi-cluster detection (XB7xx, XB8xx)."""
