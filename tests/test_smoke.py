import argmap
from tests.conftest import MAPS


def test_example_loads() -> None:
    m = argmap.load(MAPS / "school-uniforms.yaml")
    assert m.thesis.id == "uniforms"
