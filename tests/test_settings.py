"""One settings object: every tuning threshold, per call, from code, the command line or
a TOML file."""

from __future__ import annotations

import pytest

import planparse
from conftest import REAL
from planparse import Settings


def test_defaults_are_the_measured_ones():
    settings = Settings()
    assert settings.stream.max_body_gap == 2.2
    assert settings.lattice.snap_tolerance == 2.0
    assert settings.as_dict()["roles"]["kind_share"] == 0.7


def test_a_setting_changes_an_outcome():
    # Kent's Appendix A, page 4: a two-column table headed "What we have committed to" is
    # a list of actions, as narrow tables headed by their actions are (max_list_columns
    # 3). Allow only one column in such a list and it is no action table.
    pdf = (
        REAL
        / "kent-county-council"
        / ("24-00115 - Appendix A - Current Health wellbeing activity within KCC.pdf")
    )
    assert len(planparse.extract(pdf, pages=[4]).actions) == 7
    narrow = Settings.from_overrides({"roles.max_list_columns": 1})
    with pytest.raises(planparse.NoActionTableError, match="no owner, deadline"):
        planparse.extract(pdf, pages=[4], settings=narrow)


def test_overrides_are_checked_and_converted():
    settings = Settings.from_overrides(
        {"stream.max_header_lines": "3", "lattice.snap_tolerance": 1}
    )
    assert settings.stream.max_header_lines == 3 and settings.lattice.snap_tolerance == 1.0
    with pytest.raises(ValueError, match=r"unknown setting 'stream\.nope'"):
        Settings.from_overrides({"stream.nope": 1})
    with pytest.raises(ValueError, match="unknown settings group 'tables'"):
        Settings.from_overrides({"tables.x": 1})
    with pytest.raises(ValueError, match="expected a whole number"):
        Settings.from_overrides({"stream.max_header_lines": 2.5})
    with pytest.raises(ValueError, match="expected a finite number"):
        Settings.from_overrides({"stream.row_gap": "nan"})


def test_settings_from_a_toml_file(tmp_path):
    path = tmp_path / "planparse.toml"
    path.write_text("[stream]\nmax_body_gap = 3.5\n\n[roles]\nkind_share = 0.6\n")
    settings = Settings.from_toml(path)
    assert settings.stream.max_body_gap == 3.5 and settings.roles.kind_share == 0.6
    path.write_text("[stream\n")
    with pytest.raises(ValueError, match="not valid TOML"):
        Settings.from_toml(path)


def test_the_command_line_takes_set_and_config(tmp_path):
    from typer.testing import CliRunner

    from planparse.cli import app

    pdf = (
        REAL
        / "kent-county-council"
        / ("24-00115 - Appendix A - Current Health wellbeing activity within KCC.pdf")
    )
    runner = CliRunner()
    narrow = runner.invoke(
        app, ["extract", str(pdf), "-p", "4", "--set", "roles.max_list_columns=1"]
    )
    assert narrow.exit_code == 1 and "no action table" in narrow.output
    config = tmp_path / "planparse.toml"
    config.write_text("[roles]\nmax_list_columns = 1\n")
    assert (
        runner.invoke(app, ["extract", str(pdf), "-p", "4", "--config", str(config)]).exit_code == 1
    )
    assert runner.invoke(app, ["extract", str(pdf), "-p", "4"]).exit_code == 0
    bad = runner.invoke(app, ["extract", str(pdf), "--set", "roles.nope=1"])
    assert bad.exit_code == 2 and "unknown setting 'roles.nope'" in bad.output
