from components.data.check import main


def test_check_passes_on_valid_data(tiny_dir, capsys):
    assert main([str(tiny_dir)]) == 0
    assert "0 errors" in capsys.readouterr().out


def test_check_fails_and_locates_the_problem(tiny_dir, capsys):
    path = tiny_dir / "places.csv"
    path.write_text(path.read_text().replace("37.217", "137.217"), encoding="utf-8")
    assert main([str(tiny_dir)]) == 1
    out = capsys.readouterr().out
    assert "error: places.csv, line 2, column 'lat': '137.217' is above" in out
