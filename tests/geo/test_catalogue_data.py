"""Checks on the catalogue data: checks/providers/*.yaml and checks/vocabularies/*.yaml.

Every file must load with yaml.safe_load, validate against its JSON Schema (draft 2020-12),
be named after its provider / vocabulary, and keep the Hong Kong / Macau / Taiwan traps right.
"""

import json
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

ROOT = Path(__file__).resolve().parents[2]
PROVIDER_DIR = ROOT / "checks" / "providers"
VOCABULARY_DIR = ROOT / "checks" / "vocabularies"
SCHEMA_DIR = ROOT / "schemas"

PROVIDER_FILES = sorted(PROVIDER_DIR.glob("*.yaml"))
VOCABULARY_FILES = sorted(VOCABULARY_DIR.glob("*.yaml"))

PLACES = {"Hong Kong", "Macau", "Taiwan"}

NOT_MAINLAND = [
    ("alicloud", "cn-hongkong"),
    ("tencentcloud", "ap-hongkong"),
    ("tencentcloud", "ap-taipei"),
    ("huaweicloud", "ap-southeast-1"),
    ("aws", "ap-east-1"),
    ("aws", "ap-east-2"),
    ("azurerm", "eastasia"),
    ("google", "asia-east1"),
    ("google", "asia-east2"),
    ("baiducloud", "hkg"),
    ("volcengine", "cn-hongkong"),
    ("volcenginecc", "cn-hongkong"),
    ("ksyun", "cn-hongkong-2"),
    ("ksyun", "cn-taipei-1"),
    ("ucloud", "hk"),
    ("ctyun", "200000002533"),
]

MAINLAND = [
    ("aws", "cn-north-1"),
    ("aws", "cn-northwest-1"),
    ("azurerm", "chinaeast2"),
    ("alicloud", "cn-beijing"),
    ("alicloud", "cn-shanghai-finance-1"),
    ("tencentcloud", "ap-guangzhou"),
    ("huaweicloud", "cn-north-4"),
    ("baiducloud", "bj"),
    ("volcengine", "cn-beijing"),
]

REQUIRED_PROVIDERS = {
    "aws", "azurerm", "google", "alicloud", "tencentcloud", "huaweicloud",
    "volcengine", "volcenginecc", "baiducloud", "ksyun", "ucloud",
}

REQUIRED_VOCABULARIES = {
    "cen_area", "huawei_area", "volcengine_area", "alicloud_line_operator",
    "tencent_line_operator", "azure_expressroute_location", "aws_dx_location",
    "tencent_gaap_region", "carrier",
}


def _load(path):
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _validator(name):
    schema = json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@pytest.fixture(scope="module")
def providers():
    return {p.stem: _load(p) for p in PROVIDER_FILES}


@pytest.fixture(scope="module")
def vocabularies():
    return {p.stem: _load(p) for p in VOCABULARY_FILES}


def _normalise(value, mode):
    if mode == "exact":
        return value
    value = value.lower()
    if mode == "lower-no-spaces":
        value = value.replace(" ", "")
    return value


def _errors(validator, doc):
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(doc)]


# ---------------------------------------------------------------- providers

@pytest.mark.parametrize("path", PROVIDER_FILES, ids=lambda p: p.stem)
def test_provider_file_is_valid(path):
    doc = _load(path)
    assert not _errors(_validator("provider.schema.json"), doc)
    assert doc["provider"] == path.stem


@pytest.mark.parametrize("path", PROVIDER_FILES, ids=lambda p: p.stem)
def test_provider_regions_consistent(path):
    doc = _load(path)
    mode = doc["region"]["normalise"]
    regions = doc["regions"]
    for rid, region in regions.items():
        assert isinstance(rid, str), f"{rid!r} must be a string key (quote numeric IDs)"
        assert rid == _normalise(rid, mode), f"{rid} not normalised ({mode})"
        if "place" in region:
            assert region["place"] in PLACES
            assert region["mainland"] is False, f"{rid} has a place but is marked mainland"
    default = doc["region"]["default"]
    if default is not None:
        assert default in regions and regions[default]["mainland"] is True
    env = doc.get("environment")
    if env is not None:
        assert env["default"] in env["values"]


def test_provider_names_unique(providers):
    names = [doc["provider"] for doc in providers.values()]
    assert len(names) == len(set(names))
    assert set(names) >= REQUIRED_PROVIDERS


def test_resource_prefixes_unique(providers):
    seen = {}
    for name, doc in providers.items():
        for prefix in doc["resource_prefixes"]:
            assert prefix not in seen, f"{prefix} in {name} and {seen[prefix]}"
            seen[prefix] = name


@pytest.mark.parametrize("provider,region", NOT_MAINLAND)
def test_look_alikes_not_mainland(providers, provider, region):
    entry = providers[provider]["regions"][region]
    assert entry["mainland"] is False
    assert entry.get("place") in PLACES


@pytest.mark.parametrize("provider,region", MAINLAND)
def test_mainland_regions(providers, provider, region):
    assert providers[provider]["regions"][region]["mainland"] is True


def test_documented_defaults(providers):
    assert providers["alicloud"]["region"]["default"] == "cn-beijing"
    assert providers["tencentcloud"]["region"]["default"] == "ap-guangzhou"
    assert providers["baiducloud"]["region"]["default"] == "bj"
    for name in ("aws", "huaweicloud", "volcengine", "volcenginecc", "azurerm", "google"):
        assert providers[name]["region"]["default"] is None


def test_complete_sets(providers):
    aws = providers["aws"]["regions"]
    assert {r for r, v in aws.items() if v["mainland"]} == {"cn-north-1", "cn-northwest-1"}
    az = providers["azurerm"]
    assert all(v["mainland"] == r.startswith("china") for r, v in az["regions"].items())
    assert az["region"]["normalise"] == "lower-no-spaces"
    assert az["environment"]["values"]["china"] == "mainland"
    assert az["environment"]["values"]["public"] == "non-mainland"
    google = providers["google"]
    assert not any(v["mainland"] for v in google["regions"].values())
    assert google["region"]["unknown"] == "non-mainland"
    for name, doc in providers.items():
        if name != "google":  # only a provider with no mainland region may say non-mainland
            assert doc["region"]["unlisted"] == "unknown", name


# ---------------------------------------------------------------- vocabularies

@pytest.mark.parametrize("path", VOCABULARY_FILES, ids=lambda p: p.stem)
def test_vocabulary_file_is_valid(path):
    doc = _load(path)
    assert not _errors(_validator("vocabulary.schema.json"), doc)
    assert doc["vocabulary"] == path.stem


@pytest.mark.parametrize("path", VOCABULARY_FILES, ids=lambda p: p.stem)
def test_vocabulary_keys_distinct_after_matching(path):
    doc = _load(path)
    seen = {}
    for key, value in doc["values"].items():
        assert isinstance(key, str), f"{key!r} must be a string key"
        norm = _normalise(key, doc["match"])
        assert norm not in seen, f"{key} collides with {seen[norm]} under {doc['match']}"
        seen[norm] = key
        if "carrier" in value:
            assert value["licensed"] is True, f"{key}: a named carrier is licensed"
        if value.get("licensed") is True:
            assert "carrier" in value, f"{key}: licensed values name their carrier"


def test_vocabulary_names(vocabularies):
    assert set(vocabularies) >= REQUIRED_VOCABULARIES


def _cls(vocabularies, vocab, value):
    doc = vocabularies[vocab]
    table = {_normalise(k, doc["match"]): v for k, v in doc["values"].items()}
    return table[_normalise(value, doc["match"])]


@pytest.mark.parametrize("vocab,value,expected", [
    ("cen_area", "China", "mainland"),
    ("cen_area", "asia-pacific", "non-mainland"),
    ("huawei_area", "Chinese-Mainland", "mainland"),
    ("huawei_area", "CM", "mainland"),
    ("huawei_area", "OUTOFCM", "non-mainland"),
    ("huawei_area", "Asia-Pacific", "non-mainland"),
    ("volcengine_area", "China", "mainland"),
    ("volcengine_area", "Asia", "non-mainland"),
    ("alicloud_line_operator", "Equinix", "non-mainland"),
    ("alicloud_line_operator", "Other", "non-mainland"),
    ("alicloud_line_operator", "CT", "neutral"),
    ("alicloud_line_operator", "CO", "neutral"),
    ("tencent_line_operator", "InternationalOperator", "non-mainland"),
    ("tencent_line_operator", "ChinaUnicom", "neutral"),
    ("azure_expressroute_location", "Shanghai2", "mainland"),
    ("azure_expressroute_location", "Beijing 2", "mainland"),
    ("azure_expressroute_location", "Hong Kong2", "non-mainland"),
    ("azure_expressroute_location", "hongkong", "non-mainland"),
    ("azure_expressroute_location", "Taipei", "non-mainland"),
    ("tencent_gaap_region", "Hongkong", "non-mainland"),
    ("tencent_gaap_region", "Beijing", "mainland"),
    ("carrier", "china-unicom", "neutral"),
])
def test_vocabulary_traps(vocabularies, vocab, value, expected):
    assert _cls(vocabularies, vocab, value)["class"] == expected


def test_licensed_carriers(vocabularies):
    assert _cls(vocabularies, "alicloud_line_operator", "CO")["licensed"] is False
    assert _cls(vocabularies, "tencent_line_operator", "ChinaOther")["licensed"] is False
    for key in ("china-telecom", "china-unicom", "china-mobile"):
        value = _cls(vocabularies, "carrier", key)
        assert value["carrier"] == key and value["licensed"] is True
