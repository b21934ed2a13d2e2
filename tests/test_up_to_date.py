"""Whether a build can stop early: the output as the last clean build left
it, checked from its recorded state without listing a folder
(generator.up_to_date.recorded_output)."""

import os
from pathlib import Path

import pytest

from generator import up_to_date

OLD = 1_600_000_000_000_000_000  # 2020, far from now: no folder is racy


@pytest.fixture
def site(tmp_path):
    output = tmp_path / "out"
    for name in ("index.html", "stories/harbour/index.html", "stories/ferry/index.html", "feeds/all.atom.xml"):
        (output / name).parent.mkdir(parents=True, exist_ok=True)
        (output / name).write_text(f"<p>{name}</p>")
    return {"CACHE_PATH": str(tmp_path / "cache"), "OUTPUT_PATH": str(output)}


def _age(output, ns=OLD):
    """Date every file and folder back, as a build long ago left them."""
    for folder, _, files in os.walk(output):
        for name in files:
            os.utime(os.path.join(folder, name), ns=(ns, ns))
        os.utime(folder, ns=(ns, ns))


def _record(settings):
    up_to_date.record(settings, "inputs", stories=2, pages=3, clean=True)
    return up_to_date.last_stamp(settings)["output"]


def test_an_untouched_output_is_known_without_a_walk(site, monkeypatch):
    _age(site["OUTPUT_PATH"])
    stamp = _record(site)
    monkeypatch.setattr(up_to_date, "_tree", lambda *a, **k: pytest.fail("the output was walked"))
    tree = up_to_date.recorded_output(site, stamp)
    assert (tree.stamp, tree.files) == (stamp, 4)
    assert up_to_date.unchanged(site, "inputs")["files"] == 4


@pytest.mark.parametrize(
    "change",
    [
        "a file added",
        "a file removed",
        "a folder added",
        "a file rewritten",
        "a folder removed",
    ],
)
def test_any_change_to_the_output_is_seen(site, change):
    output = site["OUTPUT_PATH"]
    _age(output)
    _record(site)
    story = os.path.join(output, "stories", "harbour")
    if change == "a file added":
        open(os.path.join(story, "stray.html"), "w").close()
    elif change == "a file removed":
        os.remove(os.path.join(story, "index.html"))
    elif change == "a folder added":
        os.mkdir(os.path.join(output, "stories", "new"))
    elif change == "a file rewritten":
        with open(os.path.join(story, "index.html"), "a") as page:
            page.write("more")
    else:
        os.remove(os.path.join(story, "index.html"))
        os.rmdir(story)
    assert up_to_date.unchanged(site, "inputs") is None


def test_a_folder_changed_as_the_build_ended_is_listed(site):
    """A folder changed in the same tick of the file system's clock as the
    build recorded it keeps its modification time: its entries are
    compared by name."""
    output = site["OUTPUT_PATH"]
    _age(output)
    story = os.path.join(output, "stories", "harbour")
    os.utime(story)  # changed just now, as the build ends
    _record(site)
    assert up_to_date.unchanged(site, "inputs") is not None
    recorded = os.stat(story).st_mtime_ns
    open(os.path.join(story, "stray.html"), "w").close()
    os.utime(story, ns=(recorded, recorded))  # the same tick
    assert up_to_date.unchanged(site, "inputs") is None


def test_a_damaged_or_stale_record_falls_back_to_a_walk(site):
    output = site["OUTPUT_PATH"]
    _age(output)
    stamp = _record(site)
    state = os.path.join(site["CACHE_PATH"], up_to_date.OUTPUT_STATE_FILE)
    with open(state, "wb") as damaged:
        damaged.write(b"not a record")
    assert up_to_date.recorded_output(site, stamp) is None
    assert up_to_date.unchanged(site, "inputs") is not None  # the walk says so
    assert up_to_date.recorded_output(site, "another build's stamp") is None


def test_a_record_cut_short_is_no_record(site):
    _age(site["OUTPUT_PATH"])
    stamp = _record(site)
    state = os.path.join(site["CACHE_PATH"], up_to_date.OUTPUT_STATE_FILE)
    with open(state, "rb") as whole:
        data = whole.read()
    with open(state, "wb") as cut:
        cut.write(data[: len(data) // 2])
    assert up_to_date.recorded_output(site, stamp) is None


def test_a_full_build_and_a_quick_build_record_the_output_alike(site):
    """The full build records the output as it walks it, a quick build from
    what it knows: the two records read the same."""
    output = site["OUTPUT_PATH"]
    _age(output)
    stamp = _record(site)
    state = os.path.join(site["CACHE_PATH"], up_to_date.OUTPUT_STATE_FILE)
    with open(state, "rb") as record:
        walked = up_to_date._read_state(record.read())
    up_to_date._save_output_state(site, up_to_date.output_tree(output, records=True))
    with open(state, "rb") as record:
        known = up_to_date._read_state(record.read())
    assert walked == known and walked[0] == stamp
    assert up_to_date.recorded_output(site, stamp).files == 4
    assert up_to_date.recorded_output(site, stamp, records=True).records == {f[0]: f for f in walked[1]}


def test_the_stamp_of_an_output_a_build_changed_is_worked_out_from_the_folders_it_touched(site):
    """A quick build patches the stamp, file count and size from the
    folders it wrote to; a walk afterwards finds the same."""
    output = site["OUTPUT_PATH"]
    # A link to nothing: the walk passes it by, and so does the patch.
    os.symlink("/nonexistent/target", os.path.join(output, "stories", "harbour", "link"))
    before = up_to_date.output_tree(output, records=True)
    os.makedirs(os.path.join(output, "stories", "new"))
    with open(os.path.join(output, "stories", "new", "index.html"), "w") as page:
        page.write("<p>new</p>")
    with open(os.path.join(output, "index.html"), "a") as page:
        page.write("<p>more</p>")
    os.remove(os.path.join(output, "feeds", "all.atom.xml"))
    os.rmdir(os.path.join(output, "feeds"))
    records = dict(before.records)
    with open(os.path.join(output, "stories", "harbour", "index.html"), "a") as page:
        page.write("<p>more</p>")
    changed = ["", "stories", "stories/new", "stories/harbour", "feeds"]
    for folder in changed:
        try:
            records[folder] = up_to_date.folder_record(Path(output), folder, 0)
        except FileNotFoundError:
            del records[folder]
    after = up_to_date.patched(before, records, changed)
    assert after == up_to_date.output_tree(output)
    assert (after.files, after.stamp != before.stamp) == (4, True)


def test_the_raw_folder_stays_an_input_of_a_build(tmp_path):
    # A story may link a raw file with {static} (the quick build then treats
    # it as linked, not as the converter's copy): the walk must see it change.
    content = tmp_path / "content"
    for name in ("raw/desk/monday.txt", "stories/harbour.md"):
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).write_text(name)
    theme = tmp_path / "theme"
    theme.mkdir()
    settings = {"PATH": str(content), "THEME": str(theme), "NEWSROOM_RAW_PATH": "raw"}
    inputs = up_to_date.build_inputs(settings)
    assert "raw/desk/monday.txt" in inputs.content
    (content / "raw" / "desk" / "monday.txt").write_text("a new day's copy, longer than before")
    assert up_to_date.build_inputs(settings).stamp != inputs.stamp
