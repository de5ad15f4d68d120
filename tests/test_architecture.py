"""Standing rules of the code base, checked so that they stay true."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import yaml

SRC = Path(__file__).resolve().parents[1] / "src" / "borderlink"


def _python_files() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def _importers(package: str) -> list[str]:
    found = []
    for path in _python_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n == package or n.startswith(f"{package}.") for n in names):
                found.append(str(path.relative_to(SRC)))
                break
    return found


def test_only_the_store_imports_duckdb() -> None:
    assert _importers("duckdb") == ["store/store.py"]


def test_no_module_passes_the_hard_size_limit() -> None:
    too_long = {
        str(p.relative_to(SRC)): n
        for p in _python_files()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 600
    }
    assert too_long == {}


def test_no_grab_bag_modules() -> None:
    bad = [p for p in _python_files() if p.stem in {"utils", "misc", "helpers", "common"}]
    assert bad == []


def test_synth_and_resolve_share_no_code() -> None:
    """The generator's name variants must never leak into the matcher, or back."""
    for package, forbidden in (("resolve", "borderlink.synth"), ("synth", "borderlink.resolve")):
        for path in (SRC / package).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            assert forbidden not in text, f"{path} refers to {forbidden}"


def _imports(path: Path) -> list[str]:
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names += [node.module] + [f"{node.module}.{a.name}" for a in node.names]
    return names


def _strings(node: ast.AST) -> list[str]:
    """Every literal text inside `node`, f-string parts included."""
    return [
        n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    ]


def test_only_the_engines_import_splink() -> None:
    """Splink sits behind the resolve backends (and the Spark session that loads its jar)."""
    allowed = ("resolve/backends/", "spark/session.py")
    assert [p for p in _importers("splink") if not p.startswith(allowed)] == []


def test_only_the_spark_engine_imports_pyspark() -> None:
    allowed = ("resolve/backends/spark", "spark/", "graph/spark_engine.py")
    assert [p for p in _importers("pyspark") if not p.startswith(allowed)] == []


SQL = re.compile(
    r"\b(SELECT\s.+\sFROM|INSERT\s+INTO|CREATE\s+(TEMP\s+)?TABLE|DELETE\s+FROM|UPDATE\s+\w+\s+SET"
    r"|DROP\s+TABLE)\b",
    re.IGNORECASE | re.DOTALL,
)


def test_the_cli_holds_no_sql_and_never_opens_the_store() -> None:
    for path in (SRC / "cli").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        sql = [s for s in _strings(tree) if SQL.search(s)]
        assert sql == [], f"{path.name} holds SQL: {sql[0][:60]!r}"
        store = [n for n in _imports(path) if n.startswith("borderlink.store")]
        assert store == [], f"{path.name} imports {store[0]}: call Workspace instead"


FLAG = re.compile(r"(?<![\w-])--[a-z][a-z-]*")


def test_no_library_message_names_a_cli_flag() -> None:
    """Library errors speak of request fields; only the CLI knows how its flags are spelt."""
    offenders = []
    for path in _python_files():
        rel = path.relative_to(SRC)
        if rel.parts[0] == "cli":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Raise) and node.exc is not None:
                offenders += [f"{rel}: {s}" for s in _strings(node.exc) if FLAG.search(s)]
        if "borderlink.errors.OptionError" in _imports(path):
            offenders.append(f"{rel}: imports OptionError (the CLI's own error)")
    assert offenders == []


def test_public_surface_is_the_workspace() -> None:
    import borderlink
    from borderlink.workspace import Workspace

    assert borderlink.Workspace is Workspace
    stages = {"ingest", "resolve", "review", "decide", "explain", "analyse", "disrupt"}
    stages |= {"extract", "stats", "report", "export_records", "export_people", "export_graph"}
    assert stages <= set(dir(Workspace))


def test_ingest_cleans_every_value_type_a_mapping_may_use() -> None:
    """The registry's mapping types and ingest's cleaners name the same types."""
    from borderlink.model.value_types import mapping_types

    tree = ast.parse((SRC / "ingest" / "transform.py").read_text(encoding="utf-8"))
    handled: set[str] = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Compare)
            and isinstance(node.left, ast.Name)
            and node.left.id == "kind"
        ):
            handled |= set(_strings(node))
    assert set(mapping_types()) <= handled, set(mapping_types()) - handled


def test_vocabularies_are_defined_once() -> None:
    """The nine roles, the regions and the countries live only in model/vocabularies/."""
    roles = ("organiser", "recruiter", "transporter", "receiver", "harbourer", "financier")
    offenders = []
    for path in SRC.rglob("*"):
        rel = path.relative_to(SRC)
        if path.suffix not in {".py", ".yaml"} or rel.parts[:2] == ("model", "vocabularies"):
            continue
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".py":
            tuples = [
                node
                for node in ast.walk(ast.parse(text))
                if isinstance(node, ast.Tuple | ast.List | ast.Dict | ast.Set)
            ]
            for node in tuples:
                found = set(_strings(node))
                if set(roles) <= found:
                    offenders.append(f"{rel}: a list of the roles")
                if {"GD", "GX", "YN", "HK"} <= found and len(found) <= 5:
                    offenders.append(f"{rel}: a list of the regions")
        elif re.search(r"^\s*(VNM|MMR|HKG):\s*[A-Z]{2}\s*$", text, re.MULTILINE):
            offenders.append(f"{rel}: a country table")
        else:
            offenders += [f"{rel}: {where}" for where in _label_tables(yaml.safe_load(text))]
    assert offenders == []


def _label_tables(node: object, path: str = "") -> list[str]:
    """Mappings keyed by roles, regions or countries whose values carry en/zh labels."""
    found: list[str] = []
    if isinstance(node, dict):
        keys = {str(k) for k in node}
        labelled = any(
            isinstance(v, dict) and isinstance(v.get("en"), str) and isinstance(v.get("zh"), str)
            for v in node.values()
        )
        vocabulary = {"organiser", "recruiter", "transporter", "receiver"} <= keys
        vocabulary |= {"GD", "GX", "YN", "HK"} <= keys or bool({"VN", "MM", "VNM", "MMR"} & keys)
        if labelled and vocabulary:
            found.append(f"{path or '/'}: labels copied from model/vocabularies")
        for key, value in node.items():
            found += _label_tables(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += _label_tables(value, f"{path}[{i}]")
    return found


def test_a_copied_label_table_is_caught() -> None:
    copied = {"route_stops": {"VN": {"en": "Vietnam", "zh": "越南"}}}
    assert _label_tables(copied) == [".route_stops: labels copied from model/vocabularies"]
    assert _label_tables({"role_colours": {"organiser": "#b2182b"}}) == []


TEMP = re.compile(
    r"CREATE\s+(?:OR\s+REPLACE\s+)?TEMP(?:ORARY)?\s+(?:TABLE|VIEW)\s+(?:IF\s+NOT\s+EXISTS\s+)?"
    r"(\{?\w+\}?)",
    re.IGNORECASE,
)


def _temp_relations() -> dict[str, str]:
    """Every TEMP table or view created in src: name -> the module that creates it."""
    created: dict[str, str] = {}
    for path in _python_files():
        text = path.read_text(encoding="utf-8")
        constants = {
            t.id: node.value.value
            for node in ast.parse(text).body
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
            for t in node.targets
            if isinstance(t, ast.Name) and isinstance(node.value.value, str)
        }
        for match in TEMP.finditer(text):
            name = match.group(1)
            name = constants.get(name.strip("{}"), name.strip("{}"))
            created.setdefault(name, str(path.relative_to(SRC)))
    return created


def test_no_temporary_table_crosses_a_module_boundary() -> None:
    """A TEMP table read by another module is a hidden interface: declare it or keep it local."""
    created = _temp_relations()
    assert {"stats_arrests", "g_customer_links", "_labelled"} <= set(created)  # the scan works
    crossing = {
        f"{name} (made in {owner}) read in {path.relative_to(SRC)}"
        for name, owner in created.items()
        for path in _python_files()
        if str(path.relative_to(SRC)) != owner
        and re.search(rf"(?<![\w.]){re.escape(name)}(?!\w)", path.read_text(encoding="utf-8"))
    }
    assert not crossing, sorted(crossing)


def _module_imports() -> dict[str, set[str]]:
    """Module -> the borderlink modules it imports at load time (not in functions or
    TYPE_CHECKING blocks; a module importing its own package is not counted)."""
    modules = {}
    for path in _python_files():
        parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
        modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        deps: set[str] = set()
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            deps |= {
                t for t in targets if t in modules and t != name and not name.startswith(t + ".")
            }
        graph[name] = deps
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import cycle of the graph (empty when there is none)."""
    state: dict[str, int] = {}  # 1: on the path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        path.append(node)
        for dep in sorted(graph[node]):
            if state.get(dep) == 1:
                return [*path[path.index(dep) :], dep]
            if dep not in state and (found := visit(dep)):
                return found
        path.pop()
        state[node] = 2
        return []

    for start in sorted(graph):
        if start not in state and (found := visit(start)):
            return found
    return []


def test_no_import_cycle_between_modules() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle(_module_imports()) == []


def test_the_server_reads_only_through_the_workspace() -> None:
    """The API and the web pages call Workspace methods: no database, store or browse
    internals, so the policy and the audit cannot be bypassed by a route."""
    forbidden = ("duckdb", "borderlink.store", "borderlink.browse")
    offenders = []
    for package in ("api", "web"):
        for path in (SRC / package).rglob("*.py"):
            names = _imports(path)
            offenders += [
                f"{package}/{path.name}: {n}"
                for n in names
                if any(n == f or n.startswith(f"{f}.") for f in forbidden)
            ]
            sql = [
                s for s in _strings(ast.parse(path.read_text(encoding="utf-8"))) if SQL.search(s)
            ]
            offenders += [f"{package}/{path.name}: SQL {s[:40]!r}" for s in sql]
    assert offenders == []
