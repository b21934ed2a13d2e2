import pytest
from conftest import run_generator

run = run_generator


def test_help_lists_the_commands():
    result = run("--help")
    assert result.returncode == 0
    for command in ("convert", "build", "review", "serve"):
        assert command in result.stdout


def test_convert_help_documents_options():
    out = run("convert", "--help").stdout
    for option in ("--out", "--dry-run", "--explain", "--force"):
        assert option in out


def test_dry_run_shows_the_split_and_writes_nothing(site):
    result = run("convert", "--settings", str(site / "testconf.py"), "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "lines 1-7" in result.stdout and "lines 8-13" in result.stdout
    assert not (site / "content" / "stories").exists()


def test_explain_says_why(site):
    result = run("convert", "--settings", str(site / "testconf.py"), "--explain")
    assert result.returncode == 0, result.stderr
    assert "new story" in result.stdout
    assert "for cutting here" in result.stdout  # the cohesion each cut wins
    assert "restored drop cap R" in result.stdout
    assert "section " in result.stdout and "tag Russia" in result.stdout


def test_missing_raw_folder_is_one_clear_line(tmp_path, site):
    result = run("convert", "--settings", str(site / "testconf.py"), str(tmp_path / "nope"))
    assert result.returncode == 1
    assert f"error: {tmp_path / 'nope'}: no such file or folder" in result.stderr
    assert "Traceback" not in result.stderr


def test_broken_settings_file_is_one_clear_line(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("SITENAME = 'x'\nTIMEZONE = \n")
    result = run("convert", "--settings", str(bad))
    assert result.returncode == 2
    assert "syntax error" in result.stderr and "bad.py:2" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_timezone_is_refused(tmp_path, site):
    conf = site / "testconf.py"
    conf.write_text(conf.read_text() + "TIMEZONE = 'Mars/Olympus'\n")
    result = run("convert", "--settings", str(conf))
    assert result.returncode == 2 and "TIMEZONE 'Mars/Olympus'" in result.stderr


def test_broken_markdown_is_named_with_its_line_and_the_rest_is_built(site):
    stories = site / "content" / "stories"
    stories.mkdir(parents=True)
    (stories / "broken.md").write_text('---\ntitle: "ok"\ntags: [unclosed\n---\nbody\n')
    result = run("build", "-q", "--settings", str(site / "testconf.py"))
    assert result.returncode == 1
    assert f"{stories / 'broken.md'}: line 3: invalid YAML front matter" in result.stderr
    assert len(list((site / "output" / "stories").iterdir())) == 2


@pytest.mark.parametrize("value", ["0", "'many'", "2.5"])
def test_bad_search_part_size_is_refused_before_building(site, value):
    conf = site / "testconf.py"
    conf.write_text(conf.read_text() + f"NEWSROOM_SEARCH_PART_SIZE = {value}\n")
    result = run("build", "--settings", str(conf))
    assert result.returncode == 2
    assert "NEWSROOM_SEARCH_PART_SIZE must be a whole number of at least 1" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_warning_repeated_for_one_file_is_counted_not_flooded(tmp_path, site):
    raw = tmp_path / "many.txt"
    raw.write_text("\n---\n".join(f"Harbour notice number {n} for the ferry." for n in range(40)))
    result = run("convert", "--settings", str(site / "testconf.py"), "--dry-run", str(raw))
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("story has only a standfirst") == 11
    assert '30 more like "story has only a standfirst, no body"' in result.stderr


def test_explain_shows_the_headline_steps(site):
    result = run("convert", "--settings", str(site / "testconf.py"), "--explain")
    assert "headline step: headline style:" in result.stdout


@pytest.mark.parametrize(
    ("setting", "value", "message"),
    [
        ("NEWSROOM_TOPIC_MIN_STORIES", "0", "NEWSROOM_TOPIC_MIN_STORIES must be a whole number of at least 1"),
        ("NEWSROOM_TOPIC_THRESHOLD_FROM_STORIES", "-1", "NEWSROOM_TOPIC_THRESHOLD_FROM_STORIES must be a whole number"),
        ("NEWSROOM_REVIEW_BEFORE_PUBLISH", "'yes'", "NEWSROOM_REVIEW_BEFORE_PUBLISH must be True or False"),
    ],
)
def test_bad_review_and_topic_settings_are_refused_before_building(site, setting, value, message):
    conf = site / "testconf.py"
    conf.write_text(conf.read_text() + f"{setting} = {value}\n")
    result = run("build", "--no-convert", "--settings", str(conf))
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
