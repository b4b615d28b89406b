"""The `kinerja` command line: exit codes, messages in the user's language, failures named."""

from __future__ import annotations

import json
import shutil

import nbformat
import pytest

from kinerja_analysis import cli


def _break_u1(demo_raw, tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(demo_raw, raw)
    path = raw / "survei_kepuasan.csv"
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    col = lines[0].split(",").index("u1")
    cells = lines[3].split(",")
    cells[col] = "7"
    lines[3] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return raw


def test_validate_ok(demo_raw, capsys):
    assert cli.main(["validate", "--data", str(demo_raw)]) == 0
    out = capsys.readouterr().out
    assert "Data valid" in out
    assert "survei_kepuasan.csv: dibaca" in out


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("id", "survei_kepuasan.csv, baris 4, kolom 'u1': nilai '7'"),
        ("en", "survei_kepuasan.csv, row 4, column 'u1': value '7'"),
    ],
)
def test_validate_bad_names_file_row_column(demo_raw, tmp_path, capsys, lang, expected):
    raw = _break_u1(demo_raw, tmp_path)
    assert cli.main(["validate", "--data", str(raw), "--lang", lang]) == cli.EXIT_DATA
    err = capsys.readouterr().err
    assert expected in err


def test_missing_data_dir(tmp_path, capsys):
    assert cli.main(["validate", "--data", str(tmp_path / "tidak-ada")]) == cli.EXIT_DATA
    assert "Folder data tidak ditemukan" in capsys.readouterr().err


def test_usage_error_exit_code(capsys):
    with pytest.raises(SystemExit) as err:
        cli.main(["report"])
    assert err.value.code == cli.EXIT_USAGE


def test_prepare_strict_then_lenient(demo_raw, tmp_path, capsys):
    raw = _break_u1(demo_raw, tmp_path)
    proc = tmp_path / "proc"
    assert cli.main(["prepare", "--data", str(raw), "--processed", str(proc)]) == cli.EXIT_DATA
    assert "--lenient" in capsys.readouterr().err
    assert cli.main(["prepare", "--data", str(raw), "--processed", str(proc), "--lenient"]) == 0
    ring = json.loads((proc / "ringkasan.json").read_text(encoding="utf-8"))
    assert ring["input"]["survei_kepuasan"]["rejected"] == 1
    assert (proc / "ditolak" / "survei_kepuasan.csv").exists()


def test_demo_data_command(tmp_path, capsys):
    out = tmp_path / "demo"
    assert cli.main(["demo-data", "--out", str(out), "--seed", "7"]) == 0
    assert (out / "ground_truth.json").exists()
    assert json.loads((out / "ground_truth.json").read_text())["seed"] == 7
    assert "Data demo selesai" in capsys.readouterr().out


def test_failing_notebook_exit_2_names_cell_and_keeps_notebook(demo_raw, tmp_path, capsys):
    nbdir = tmp_path / "nb"
    nbdir.mkdir()
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell("lang = 'id'")
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, nbformat.v4.new_code_cell("x = 1"),
                nbformat.v4.new_code_cell("raise ValueError('sengaja gagal')")]
    nb.metadata["kernelspec"] = {"name": "python3", "language": "python",
                                 "display_name": "Python 3"}
    nb.metadata["language_info"] = {"name": "python"}
    nbformat.write(nb, nbdir / "00_gagal.ipynb")
    out = tmp_path / "reports"
    code = cli.main(["report", "--data", str(demo_raw), "--out", str(out), "--processed",
                     str(tmp_path / "proc"), "--notebooks", str(nbdir), "--no-progress"])
    assert code == cli.EXIT_NOTEBOOK
    err = capsys.readouterr().err
    assert "00_gagal.ipynb" in err and "ValueError" in err and "sengaja gagal" in err
    # the notebook's own third code cell, not the shared kernel's execution counter (5)
    assert "gagal pada sel kode ke-3:" in err
    kept = list(out.glob("_gagal-*/_notebook/00_gagal.ipynb"))
    assert len(kept) == 1
    assert str(kept[0]) in err  # the message points at the kept copy
    assert not (out / "index.html").exists()  # no partial report published


# --------------------------------------------------------------------------- validate streams


def _corpus(demo_raw, tmp_path):
    """Folders for the validate comparison, with the test_contract bundle of each (or None):
    the demo data, the demo data with more errors of one rule than PROBLEM_CAP
    (summarized), a valid folder with rows out of period order, and every bad-input case of
    test_contract (bundled as there, one folder per bundle)."""
    import test_contract as tc

    from kinerja_analysis.contract import PROBLEM_CAP

    many = tmp_path / "cap"
    shutil.copytree(demo_raw, many)
    path = many / "survei_kepuasan.csv"
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    col = lines[0].split(",").index("u1")
    for i in range(1, PROBLEM_CAP + 300):
        cells = lines[i].split(",")
        cells[col] = "7"
        lines[i] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    folders = {"demo": (demo_raw, None), "cap": (many, None)}
    for i, group in enumerate(sorted(set(tc.BUNDLES.values()), key=str)):
        folder = tc.write_valid(tmp_path / f"bad{i}")
        for case in group:
            tc._apply(case, folder)
        folders[",".join(map(tc._case_id, group))] = (folder, group)
    folder = tc.write_valid(tmp_path / "urut")
    tc._apply("periode_tidak_urut", folder)
    folders["periode_tidak_urut"] = (folder, None)
    return folders


def _cli_output(folder, lang, capsys):
    code = cli.main(["validate", "--data", str(folder), "--lang", lang])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.slow
def test_validate_output_identical_to_validate_dir(demo_raw, tmp_path, capsys, monkeypatch):
    """Messages (stdout and stderr), summary lines and exit codes of the streaming
    `kinerja validate` are byte-identical to the old whole-table run
    (contract.validate_dir), in both languages, on the demo data and the whole
    bad-input corpus; also with two forked workers on the larger folders.

    The bad-input folders are checked at test_contract's date (TODAY), so the old-path
    reports are shared with test_contract's cache (each bundle is validated once per way
    in the whole session)."""
    import test_contract as tc

    from kinerja_analysis import contract

    real_counts, real_options = cli.validate_counts, cli._options
    reports: dict = {}

    def cached(kind, jobs, group):
        # each folder is validated once per way; cli.main prints it in both languages
        def run(data_dir, options=None):
            key = (str(data_dir), kind, jobs)
            if key in reports:
                return reports[key]
            if kind == "baru":
                rep = real_counts(data_dir, options, jobs=jobs)
            elif group is not None:
                assert options == tc.OPTIONS
                rep = tc._REPORTS.setdefault(group, contract.validate_dir(data_dir, options))
            else:
                rep = contract.validate_dir(data_dir, options)
            reports[key] = rep
            return rep
        return run

    def at_test_contract_date(args):
        opts = real_options(args)
        opts.today = tc.TODAY
        return opts

    folders = _corpus(demo_raw, tmp_path)
    valid = {"demo", "periode_tidak_urut", "rumus_teks", "kolom_tambahan", "encoding_cp1252",
             # warnings of issue #14: read, with a warning
             "judul_di_atas_header", "_data_on_second_sheet", "_double_extension"}
    for label, (folder, group) in folders.items():
        monkeypatch.setattr(cli, "_options",
                            real_options if group is None else at_test_contract_date)
        old = None
        for jobs in {"demo": (2,), "cap": (1, 2)}.get(label, (1,)):
            for lang in ("id", "en"):
                monkeypatch.setattr(cli, "validate_counts", cached("lama", 1, group))
                old = _cli_output(folder, lang, capsys)
                monkeypatch.setattr(cli, "validate_counts", cached("baru", jobs, group))
                new = _cli_output(folder, lang, capsys)
                assert new == old, (label, jobs, lang)
        assert old[0] == (cli.EXIT_OK if label in valid else cli.EXIT_DATA), label
    cap = reports[(str(folders["cap"][0]), "baru", 2)]
    assert any(p.code == "masalah_lain" for p in cap.problems)  # summarized beyond the cap
    assert all(len(t.accepted) == 0 for t in cap.tables.values())  # streamed: no rows


def test_validate_keeps_no_rows(demo_raw, monkeypatch, capsys):
    """No validated chunk outlives `validate_stream`: the sink `kinerja validate` uses drops
    every accepted/rejected frame (the old TableSink kept them all until the end)."""
    import gc
    import weakref

    from kinerja_analysis import contract

    real = contract.validate_stream
    seen: list[weakref.ref] = []
    alive_after: list[int] = []

    def spy(data_dir, sink, *args, **kw):
        chunk = sink.chunk

        def watch(name, accepted, rejected):
            seen.extend((weakref.ref(accepted), weakref.ref(rejected)))
            chunk(name, accepted, rejected)

        sink.chunk = watch
        report = real(data_dir, sink, *args, **kw)
        gc.collect()
        alive_after.append(sum(r() is not None for r in seen))
        return report

    monkeypatch.setattr(contract, "validate_stream", spy)
    monkeypatch.setenv("KINERJA_PREPARE_JOBS", "1")
    assert cli.main(["validate", "--data", str(demo_raw)]) == 0
    assert "Data valid" in capsys.readouterr().out
    assert len(seen) >= 12  # every input sent at least one chunk
    assert alive_after == [0]


# --------------------------------------------------------------------------- modular inputs


def _only(folder, *names):
    """test_contract's small valid folder, with only the files ``names``."""
    import test_contract as tc

    tc.write_valid(folder)
    for name in tc.INPUTS:
        if name not in names:
            (folder / f"{name}.csv").unlink()
    return folder


_MINIMAL = [("survei_kepuasan", "kebijakan"), ("penilaian_kinerja", "pegawai", "kebijakan"),
            ("survei_asn", "pegawai")]
_PAGES = {  # id / en page titles each absent input's line names
    "kebijakan": ("Gambaran Data, Dampak Evaluasi Kinerja, Kepuasan Masyarakat dan Skor "
                  "Kinerja", "Data Overview, Evaluation Impacts, Citizen Satisfaction and "
                  "Performance Scores"),
    "survei_asn": ("Hambatan Adopsi", "Adoption Barriers"),
    "tindak_lanjut": ("Dampak Evaluasi Kinerja", "Evaluation Impacts"),
}


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("names", _MINIMAL, ids=["+".join(n) for n in _MINIMAL])
def test_validate_minimal_combination_summary_has_no_blank_rows(tmp_path, capsys, names,
                                                                lang):
    from kinerja_analysis.contract import INPUTS

    folder = _only(tmp_path / "d", *names)
    code, out, err = _cli_output(folder, lang, capsys)
    assert (code, err) == (cli.EXIT_OK, "")
    lines = out.splitlines()
    assert len(lines) == len(INPUTS) + 1  # one line per input, then the verdict
    for name, line in zip(INPUTS, lines, strict=False):
        assert line.startswith(f"  {name}"), line  # never "  : dibaca 0 ..."
        if name in names:
            assert line.startswith(f"  {name}.csv: {'dibaca' if lang == 'id' else 'read'} ")
        else:
            word = "tidak ada (opsional; dipakai oleh: " if lang == "id" else \
                "absent (optional; used by: "
            assert line.startswith(f"  {name}: {word}"), line
            if name in _PAGES:
                assert line == f"  {name}: {word}{_PAGES[name][lang == 'en']})"
    verdict = {"id": f"Data valid: {len(names)} berkas diperiksa, tidak ada kesalahan.",
               "en": f"Data valid: {len(names)} files checked, no errors."}[lang]
    assert lines[-1] == verdict


@pytest.mark.parametrize(("lang", "expected"), [
    ("id", ["penilaian_kinerja.csv: berkas ini memerlukan berkas pegawai",
            "tambahkan pegawai.csv atau pegawai.xlsx ke folder data",
            "tindak_lanjut.csv: berkas ini memerlukan berkas pegawai"]),
    ("en", ["penilaian_kinerja.csv: this file needs the pegawai file",
            "add pegawai.csv or pegawai.xlsx to the data folder",
            "tindak_lanjut.csv: this file needs the pegawai file"]),
])
def test_validate_file_without_pegawai_names_the_file_to_add(tmp_path, capsys, lang,
                                                             expected):
    folder = _only(tmp_path / "d", "kebijakan", "survei_kepuasan", "penilaian_kinerja",
                   "tindak_lanjut")
    code, out, err = _cli_output(folder, lang, capsys)
    assert code == cli.EXIT_DATA
    for text in expected:
        assert text in err, err
    needed = {"id": "  pegawai: tidak ada (diperlukan oleh penilaian_kinerja.csv, "
                    "tindak_lanjut.csv)",
              "en": "  pegawai: absent (needed by penilaian_kinerja.csv, tindak_lanjut.csv)"}
    assert needed[lang] in out.splitlines()
    assert {"id": "Data tidak valid: 2 kesalahan", "en": "Data invalid: 2 errors"}[lang] in err


@pytest.mark.parametrize(("names", "lang", "expected"), [
    ((), "id", "folder ini tidak berisi satu pun berkas input"),
    ((), "en", "this folder holds none of the input files"),
    (("survei_kepuasan",), "id", "tidak ada halaman laporan yang dapat dibuat dari berkas "
                                 "yang ada (survei_kepuasan)"),
    (("kebijakan", "pegawai"), "en", "no report page can be built from the files present "
                                     "(kebijakan, pegawai)"),
])
def test_validate_no_page_is_exit_1_naming_each_page_needs(tmp_path, capsys, names, lang,
                                                           expected):
    folder = _only(tmp_path / "d", *names)
    code, _out, err = _cli_output(folder, lang, capsys)
    assert code == cli.EXIT_DATA
    assert f"{folder}: {expected}" in err
    assert "Hambatan Adopsi: survei_asn + pegawai" in err or \
        "Adoption Barriers: survei_asn + pegawai" in err


def test_validate_unreadable_file_is_named_in_the_summary(tmp_path, capsys):
    import test_contract as tc

    folder = tc.write_valid(tmp_path / "d")
    tc._apply("berkas_biner", folder)
    code, out, _err = _cli_output(folder, "id", capsys)
    assert code == cli.EXIT_DATA
    assert "  pegawai.csv: dibaca 0, diterima 0, ditolak 0" in out.splitlines()
    assert not [line for line in out.splitlines() if line.startswith("  :")]


def test_prepare_minimal_combination_and_no_page(tmp_path, capsys):
    folder = _only(tmp_path / "d", "survei_asn", "pegawai")
    proc = tmp_path / "proc"
    assert cli.main(["prepare", "--data", str(folder), "--processed", str(proc)]) == 0
    out = capsys.readouterr().out
    assert sorted(p.name for p in proc.glob("*.parquet")) == ["pegawai.parquet",
                                                               "survei_asn.parquet"]
    assert "  kebijakan: tidak ada (opsional; dipakai oleh: " in out
    ring = json.loads((proc / "ringkasan.json").read_text(encoding="utf-8"))
    assert ring["ada"] == ["pegawai", "survei_asn"]
    # a data set without a page stops prepare, also --lenient, without the --lenient hint
    folder = _only(tmp_path / "e", "kebijakan")
    args = ["prepare", "--data", str(folder), "--processed", str(tmp_path / "p2"),
            "--lang", "en"]
    for extra in ([], ["--lenient"]):
        assert cli.main([*args, *extra]) == cli.EXIT_DATA
        err = capsys.readouterr().err
        assert "no report page can be built from the files present (kebijakan)" in err
        assert "--lenient" not in err
    assert not (tmp_path / "p2").exists()
