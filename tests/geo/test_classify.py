"""Classification of addresses, CIDRs and regions (SPEC §2)."""

from __future__ import annotations

import ipaddress

import pytest
from exitlint.geo.address import classify_address
from exitlint.geo.geography import load_catalogue
from exitlint.geo.region import classify_region
from exitlint.model import EndClass
from exitlint.policy import Policy

MAINLAND, ABROAD = EndClass.MAINLAND, EndClass.NON_MAINLAND


def cls(text: str, policy: Policy | None = None) -> EndClass:
    return classify_address(text, policy or Policy()).cls


@pytest.mark.parametrize(("addr", "expected"), [
    ("114.114.114.114", MAINLAND),
    ("1.2.4.8", MAINLAND),
    ("240e::1", MAINLAND),
    ("2400:dd01::1", MAINLAND),
    ("18.184.10.10", ABROAD),
    ("8.8.8.8", ABROAD),
    ("2001:4860:4860::8888", ABROAD),
    ("58.176.0.1", ABROAD),  # Hong Kong is not mainland
])
def test_public_addresses_by_registration(addr: str, expected: EndClass) -> None:
    assert cls(addr) is expected


def test_reason_says_registered_to() -> None:
    us = classify_address("8.8.8.8", Policy())
    assert "registered to US" in us.reason and us.value == "8.8.8.8"
    hk = classify_address("58.176.0.1", Policy())
    assert "registered to HK" in hk.reason and "Hong Kong" in hk.reason
    cn = classify_address("114.114.114.114", Policy(), attribute="ip_address")
    assert cn.reason.startswith("ip_address 114.114.114.114") and "CN" in cn.reason


@pytest.mark.parametrize("addr", [
    "10.1.2.3", "10.0.0.0/8", "172.16.0.1", "172.31.255.254", "172.20.0.0/16",
    "192.168.1.1", "192.168.0.0/16", "fd00::1", "fc00::/7", "100.64.0.1", "100.127.0.0/16",
    "169.254.1.1", "fe80::1", "127.0.0.1",
])
def test_private_shared_linklocal_loopback_are_internal(addr: str) -> None:
    assert cls(addr) is EndClass.INTERNAL


def test_outside_rfc1918_is_not_private() -> None:
    assert cls("172.32.0.1") is not EndClass.INTERNAL
    assert cls("100.128.0.1") is not EndClass.INTERNAL


@pytest.mark.parametrize("addr", [
    "192.0.2.5", "198.51.100.0/24", "203.0.113.9", "2001:db8::1", "224.0.0.1", "240.0.0.1",
])
def test_documentation_and_reserved_are_unknown(addr: str) -> None:
    assert cls(addr) is EndClass.UNKNOWN


@pytest.mark.parametrize("addr", ["0.0.0.0/0", "::/0"])
def test_anywhere(addr: str) -> None:
    assert cls(addr) is EndClass.ANYWHERE


def test_public_cidr_classified_by_its_addresses() -> None:
    assert cls("114.114.114.0/24") is MAINLAND
    assert cls("8.8.8.0/24") is ABROAD


def test_host_names_are_unknown_unless_policy_says() -> None:
    assert cls("vpn.example.com") is EndClass.UNKNOWN
    p = Policy(domestic_hosts=("*.corp.cn",), foreign_hosts=("*.example.de",))
    assert cls("vpn.corp.cn", p) is MAINLAND
    assert cls("gw.example.de", p) is ABROAD


def test_policy_cidrs_win() -> None:
    p = Policy(domestic_cidrs=(ipaddress.ip_network("18.184.0.0/16"),
                               ipaddress.ip_network("198.51.100.0/24")),
               foreign_cidrs=(ipaddress.ip_network("114.114.114.0/24"),))
    assert cls("18.184.10.10", p) is MAINLAND
    assert cls("198.51.100.7", p) is MAINLAND  # even a documentation range, when declared
    assert cls("114.114.114.114", p) is ABROAD
    assert "foreign_cidrs" in classify_address("114.114.114.114", p).reason
    assert cls("8.8.8.8", p) is ABROAD


@pytest.fixture(scope="module")
def catalogue():  # type: ignore[no-untyped-def]
    return load_catalogue()


@pytest.mark.parametrize(("provider", "region", "expected", "place"), [
    ("aws", "cn-north-1", MAINLAND, None),
    ("aws", "cn-northwest-1", MAINLAND, None),
    ("aws", "ap-east-1", ABROAD, "Hong Kong"),
    ("aws", "eu-central-1", ABROAD, None),
    ("alicloud", "cn-hangzhou", MAINLAND, None),
    ("alicloud", "cn-hongkong", ABROAD, "Hong Kong"),
    ("tencentcloud", "ap-hongkong", ABROAD, "Hong Kong"),
    ("azurerm", "China East 2", MAINLAND, None),
    ("azurerm", "chinaeast2", MAINLAND, None),
    ("azurerm", "eastasia", ABROAD, "Hong Kong"),
    ("google", "asia-east2", ABROAD, "Hong Kong"),
])
def test_classify_region(catalogue, provider: str, region: str, expected: EndClass,  # type: ignore[no-untyped-def]
                         place: str | None) -> None:
    end = classify_region(catalogue.providers[provider], region)
    assert end.cls is expected, end.reason
    if place:
        assert place in end.reason


def test_azure_display_name_normalises_to_id(catalogue) -> None:  # type: ignore[no-untyped-def]
    end = classify_region(catalogue.providers["azurerm"], "China East 2")
    assert end.value == "chinaeast2"
    assert "mainland" in end.reason


def test_unlisted_region_is_not_mainland(catalogue) -> None:  # type: ignore[no-untyped-def]
    end = classify_region(catalogue.providers["aws"], "xx-nowhere-9")
    assert end.cls is not MAINLAND


def test_provider_for_type(catalogue) -> None:  # type: ignore[no-untyped-def]
    assert catalogue.provider_for_type("aws_vpn_connection").name == "aws"
    assert catalogue.provider_for_type("azurerm_virtual_network").name == "azurerm"
    assert catalogue.provider_for_type("kubernetes_deployment") is None
