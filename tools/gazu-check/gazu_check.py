#!/usr/bin/env python3
"""Drive Zou's official Python client, gazu, unchanged, against a running zou4j server.

Usage:
    GAZU_SRC=/path/to/gazu-checkout python3 gazu_check.py BASE_URL ADMIN_EMAIL ADMIN_PASSWORD [--verbose]

gazu is not part of this repository (it is CGWire's, LGPL) and is not on this machine's package registries: point
GAZU_SRC at a checkout of github.com/cgwire/gazu (the directory that contains the `gazu` package). It needs only
`requests` (and `typing_extensions`) to import; its optional socket.io events module is not used here.

The scenario is a small production built the way a pipeline script does it: project and its settings, asset types,
assets, episodes, sequences, shots, edits, concepts, casting, tasks, assignments, comments with status changes,
time spents, previews, files, playlists, people, then the signed-in artist's view through gazu.user and
gazu.context. Every call is one step; a step passes when gazu returns without raising and the check on its answer
holds. The report lists failures with gazu's exception and a per-module pass count; the exit code is the number of
failed steps (capped at 100).
"""
import os
import sys
import tempfile
import traceback
import uuid
import zlib
import struct

GAZU_SRC = os.environ.get("GAZU_SRC")
if GAZU_SRC:
    sys.path.insert(0, GAZU_SRC)
import gazu  # noqa: E402
import requests  # noqa: E402

ZOU_ROUTES = os.environ.get("ZOU_ROUTES", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..",
                                                        "shared", "reference", "routes", "zou-routes.tsv"))
LAST_REQUEST = {}
_send = requests.Session.request


def _recording_request(self, method, url, *args, **kwargs):
    LAST_REQUEST["method"], LAST_REQUEST["url"] = method.upper(), url
    return _send(self, method, url, *args, **kwargs)


requests.Session.request = _recording_request


def zou_route_patterns():
    """Method + path patterns of Zou 1.0.67's routes, to tell a gazu call Zou itself cannot answer."""
    patterns = []
    if not os.path.exists(ZOU_ROUTES):
        return patterns
    import re
    with open(ZOU_ROUTES) as lines:
        for line in lines:
            if line.startswith("#") or "\t" not in line:
                continue
            method, path = line.split("\t")[:2]
            regex = "^" + re.sub(r"<[^>]+>", "[^/]+", re.escape(path).replace("\\<", "<").replace("\\>", ">")) + "/?$"
            patterns.append((method, re.compile(regex)))
    return patterns


class Run:
    def __init__(self, verbose):
        self.verbose = verbose
        self.results = []  # (module, name, ok, detail)
        self.state = {}
        self.zou_routes = zou_route_patterns()

    def zou_serves(self, method, url):
        from urllib.parse import urlparse
        path = urlparse(url).path
        path = path[4:] if path.startswith("/api/") else path
        return any(m == method and r.match(path) for m, r in self.zou_routes)

    def step(self, module, name, call, check=None):
        LAST_REQUEST.clear()
        try:
            value = call()
            if check is not None and not check(value):
                raise AssertionError("unexpected answer: %s" % _short(value))
            self.results.append((module, name, True, ""))
            if self.verbose:
                print("ok   %s.%s" % (module, name))
            return value
        except Exception as error:  # a failed step is a finding, the run goes on
            detail = "%s: %s" % (type(error).__name__, _short(error))
            method, url = LAST_REQUEST.get("method"), LAST_REQUEST.get("url")
            if self.zou_routes and url and not self.zou_serves(method, url):
                # gazu 1.1.12 calls some routes newer than Zou 1.0.67: Zou itself fails these the same way.
                self.results.append((module, name, None, detail))
                print("n/a  %s.%s  (%s %s is not a Zou 1.0.67 route)" % (module, name, method, url))
                return None
            self.results.append((module, name, False, detail))
            print("FAIL %s.%s  %s" % (module, name, detail))
            if self.verbose:
                traceback.print_exc()
            return None

    def report(self):
        modules = {}
        for module, _, ok, _ in self.results:
            passed, total, absent = modules.get(module, (0, 0, 0))
            modules[module] = (passed + (ok is True), total + (ok is not None), absent + (ok is None))
        print("\n%-18s %s" % ("gazu module", "passed/steps (steps calling a route Zou 1.0.67 lacks)"))
        for module in sorted(modules):
            passed, total, absent = modules[module]
            print("%-18s %3d/%3d  (%d)" % (module, passed, total, absent))
        passed = sum(1 for r in self.results if r[2] is True)
        counted = sum(1 for r in self.results if r[2] is not None)
        print("%-18s %3d/%3d  (%d)" % ("all", passed, counted, len(self.results) - counted))
        return counted - passed


def _short(value, limit=300):
    text = str(value).replace("\n", " ")
    return text if len(text) <= limit else text[:limit] + "..."


def png_file(width=64, height=48):
    """A real PNG written with zlib only, so the check needs no imaging library."""
    raw = b"".join(b"\x00" + b"".join(bytes((x * 4 % 256, y * 5 % 256, 128)) for x in range(width))
                   for y in range(height))

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
    handle, path = tempfile.mkstemp(suffix=".png")
    with os.fdopen(handle, "wb") as out:
        out.write(png)
    return path


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    if len(args) != 3:
        print(__doc__)
        return 2
    base, email, password = args
    run = Run("--verbose" in argv)
    s = run.state
    tag = uuid.uuid4().hex[:6]
    gazu.set_host(base.rstrip("/") + "/api")

    # --- log in, studio-wide settings -------------------------------------------------------------
    run.step("client", "log_in", lambda: gazu.log_in(email, password), lambda r: r["user"]["email"] == email)
    run.step("client", "get_api_version", lambda: gazu.client.get_api_version())
    run.step("client", "host_is_valid", lambda: gazu.client.host_is_valid(), bool)
    s["asset_type"] = run.step("asset", "new_asset_type", lambda: gazu.asset.new_asset_type("Props " + tag))
    run.step("asset", "all_asset_types", lambda: gazu.asset.all_asset_types(), lambda r: len(r) >= 1)
    run.step("asset", "get_asset_type_by_name", lambda: gazu.asset.get_asset_type_by_name("Props " + tag),
             lambda r: r["id"] == s["asset_type"]["id"])
    s["tt_model"] = run.step("task", "new_task_type",
                             lambda: gazu.task.new_task_type("Modeling " + tag, for_entity="Asset"))
    s["tt_anim"] = run.step("task", "new_task_type(shot)",
                            lambda: gazu.task.new_task_type("Animation " + tag, for_entity="Shot"))
    run.step("task", "all_task_types", lambda: gazu.task.all_task_types(), lambda r: len(r) >= 2)
    run.step("task", "all_task_statuses", lambda: gazu.task.all_task_statuses(), lambda r: len(r) >= 1)
    s["todo"] = run.step("task", "get_default_task_status", lambda: gazu.task.get_default_task_status(),
                         lambda r: r and r["is_default"])
    s["wip"] = run.step("task", "new_task_status",
                        lambda: gazu.task.new_task_status("Wip " + tag, "w" + tag, "#00ff00"))
    s["dept"] = run.step("person", "new_department", lambda: gazu.person.new_department("Dept " + tag))
    run.step("person", "all_departments", lambda: gazu.person.all_departments(), lambda r: len(r) >= 1)
    run.step("person", "get_organisation", lambda: gazu.person.get_organisation(), lambda r: "id" in r)

    # --- people -----------------------------------------------------------------------------------
    artist_email = "artist-%s@example.com" % tag
    s["artist"] = run.step("person", "new_person",
                           lambda: gazu.person.new_person("Ann", "Artist", artist_email, role="user",
                                                                  password="Artist-pass-123"))
    run.step("person", "all_persons", lambda: gazu.person.all_persons(), lambda r: len(r) >= 2)
    run.step("person", "get_person_by_email", lambda: gazu.person.get_person_by_email(artist_email),
             lambda r: r["id"] == s["artist"]["id"])
    run.step("person", "get_person_by_full_name", lambda: gazu.person.get_person_by_full_name("Ann Artist"),
             lambda r: r is not None)
    run.step("person", "add_person_to_department",
             lambda: gazu.person.add_person_to_department(s["artist"], s["dept"]))
    run.step("person", "change_password_for_person",
             lambda: gazu.person.change_password_for_person(s["artist"], "Artist-pass-123"))

    # --- project and its settings -----------------------------------------------------------------
    s["project"] = run.step("project", "new_project",
                            lambda: gazu.project.new_project("Film " + tag, "tvshow"), lambda r: r["name"])
    run.step("project", "all_open_projects", lambda: gazu.project.all_open_projects(),
             lambda r: any(p["id"] == s["project"]["id"] for p in r))
    run.step("project", "get_project_by_name", lambda: gazu.project.get_project_by_name("Film " + tag),
             lambda r: r["id"] == s["project"]["id"])
    run.step("project", "add_asset_type", lambda: gazu.project.add_asset_type(s["project"], s["asset_type"]))
    run.step("project", "add_task_type", lambda: gazu.project.add_task_type(s["project"], s["tt_model"], 1))
    run.step("project", "add_task_type(shot)", lambda: gazu.project.add_task_type(s["project"], s["tt_anim"], 2))
    run.step("project", "add_task_status", lambda: gazu.project.add_task_status(s["project"], s["todo"]))
    run.step("project", "add_task_status(wip)", lambda: gazu.project.add_task_status(s["project"], s["wip"]))
    run.step("project", "add_person_to_team", lambda: gazu.project.add_person_to_team(s["project"], s["artist"]))
    run.step("project", "get_team", lambda: gazu.project.get_team(s["project"]),
             lambda r: any(p["id"] == s["artist"]["id"] for p in r))
    run.step("project", "get_project_task_types", lambda: gazu.project.get_project_task_types(s["project"]),
             lambda r: len(r) == 2)
    run.step("project", "get_project_task_statuses", lambda: gazu.project.get_project_task_statuses(s["project"]),
             lambda r: len(r) >= 2)
    s["descriptor"] = run.step("project", "add_metadata_descriptor",
                               lambda: gazu.project.add_metadata_descriptor(s["project"], "Difficulty", "Asset"))
    run.step("project", "all_metadata_descriptors", lambda: gazu.project.all_metadata_descriptors(s["project"]),
             lambda r: len(r) == 1)
    run.step("project", "update_project_data",
             lambda: gazu.project.update_project_data(s["project"], {"studio": "zou4j"}))
    run.step("project", "get_milestones", lambda: gazu.project.get_milestones(s["project"]), lambda r: r == [])
    s["budget"] = run.step("project", "create_budget", lambda: gazu.project.create_budget(s["project"], "B1"))
    run.step("project", "get_budgets", lambda: gazu.project.get_budgets(s["project"]), lambda r: len(r) == 1)
    run.step("project", "all_status_automations", lambda: gazu.project.all_status_automations(s["project"]),
             lambda r: isinstance(r, list))

    # --- assets, shots, edits, concepts -----------------------------------------------------------
    p = lambda: s["project"]  # noqa: E731
    s["asset"] = run.step("asset", "new_asset",
                          lambda: gazu.asset.new_asset(p(), s["asset_type"], "Chair", "A chair"),
                          lambda r: r["name"] == "Chair")
    s["asset2"] = run.step("asset", "new_asset(2)", lambda: gazu.asset.new_asset(p(), s["asset_type"], "Table"))
    run.step("asset", "all_assets_for_project", lambda: gazu.asset.all_assets_for_project(p()),
             lambda r: len(r) == 2)
    run.step("asset", "all_assets_for_project_and_type",
             lambda: gazu.asset.all_assets_for_project_and_type(p(), s["asset_type"]), lambda r: len(r) == 2)
    run.step("asset", "get_asset_by_name", lambda: gazu.asset.get_asset_by_name(p(), "Chair"),
             lambda r: r["id"] == s["asset"]["id"])
    run.step("asset", "get_asset", lambda: gazu.asset.get_asset(s["asset"]["id"]), lambda r: r["name"] == "Chair")
    run.step("asset", "update_asset_data", lambda: gazu.asset.update_asset_data(s["asset"], {"difficulty": "hard"}))
    run.step("asset", "all_asset_types_for_project", lambda: gazu.asset.all_asset_types_for_project(p()),
             lambda r: len(r) == 1)
    s["episode"] = run.step("shot", "new_episode", lambda: gazu.shot.new_episode(p(), "E01"))
    s["sequence"] = run.step("shot", "new_sequence", lambda: gazu.shot.new_sequence(p(), "SQ01", s["episode"]))
    s["shot"] = run.step("shot", "new_shot",
                         lambda: gazu.shot.new_shot(p(), s["sequence"], "SH010", nb_frames=24,
                                                    frame_in=1, frame_out=24), lambda r: r["name"] == "SH010")
    run.step("shot", "all_episodes_for_project", lambda: gazu.shot.all_episodes_for_project(p()),
             lambda r: len(r) == 1)
    run.step("shot", "all_sequences_for_project", lambda: gazu.shot.all_sequences_for_project(p()),
             lambda r: len(r) == 1)
    run.step("shot", "all_sequences_for_episode", lambda: gazu.shot.all_sequences_for_episode(s["episode"]),
             lambda r: len(r) == 1)
    run.step("shot", "all_shots_for_sequence", lambda: gazu.shot.all_shots_for_sequence(s["sequence"]),
             lambda r: len(r) == 1)
    run.step("shot", "all_shots_for_project", lambda: gazu.shot.all_shots_for_project(p()), lambda r: len(r) == 1)
    run.step("shot", "get_shot_by_name", lambda: gazu.shot.get_shot_by_name(s["sequence"], "SH010"),
             lambda r: r["id"] == s["shot"]["id"])
    run.step("shot", "get_sequence_by_name", lambda: gazu.shot.get_sequence_by_name(p(), "SQ01", s["episode"]),
             lambda r: r is not None)
    run.step("shot", "update_shot_data", lambda: gazu.shot.update_shot_data(s["shot"], {"camera": "A"}))
    s["edit"] = run.step("edit", "new_edit", lambda: gazu.edit.new_edit(p(), "Trailer"))
    run.step("edit", "all_edits_for_project", lambda: gazu.edit.all_edits_for_project(p()), lambda r: len(r) == 1)
    run.step("edit", "get_edit_by_name", lambda: gazu.edit.get_edit_by_name(p(), "Trailer"), lambda r: r is not None)
    s["concept"] = run.step("concept", "new_concept", lambda: gazu.concept.new_concept(p(), "Look"))
    run.step("concept", "all_concepts_for_project", lambda: gazu.concept.all_concepts_for_project(p()),
             lambda r: len(r) == 1)

    # --- casting ----------------------------------------------------------------------------------
    run.step("casting", "update_shot_casting",
             lambda: gazu.casting.update_shot_casting(p(), s["shot"], [
                 {"asset_id": s["asset"]["id"], "nb_occurences": 2}]))
    run.step("casting", "get_shot_casting", lambda: gazu.casting.get_shot_casting(s["shot"]),
             lambda r: len(r) == 1 and r[0]["nb_occurences"] == 2)
    run.step("casting", "get_asset_cast_in", lambda: gazu.casting.get_asset_cast_in(s["asset"]),
             lambda r: len(r) == 1)
    run.step("casting", "get_sequence_casting", lambda: gazu.casting.get_sequence_casting(s["sequence"]),
             lambda r: s["shot"]["id"] in r)
    run.step("casting", "get_project_shots_casting", lambda: gazu.casting.get_project_shots_casting(p()))
    run.step("casting", "all_entity_links_for_project", lambda: gazu.casting.all_entity_links_for_project(p()))

    # --- tasks, comments, time --------------------------------------------------------------------
    s["task"] = run.step("task", "new_task", lambda: gazu.task.new_task(s["asset"], s["tt_model"]),
                         lambda r: r["task_type_id"] == s["tt_model"]["id"])
    run.step("task", "create_shot_tasks", lambda: gazu.task.create_shot_tasks(s["shot"], [s["tt_anim"]]))
    run.step("task", "all_tasks_for_asset", lambda: gazu.task.all_tasks_for_asset(s["asset"]),
             lambda r: len(r) == 1)
    run.step("task", "all_tasks_for_shot", lambda: gazu.task.all_tasks_for_shot(s["shot"]), lambda r: len(r) == 1)
    run.step("task", "get_task_by_entity", lambda: gazu.task.get_task_by_entity(s["asset"], s["tt_model"]),
             lambda r: r["id"] == s["task"]["id"])
    run.step("task", "get_task", lambda: gazu.task.get_task(s["task"]["id"]),
             lambda r: r["entity"]["id"] == s["asset"]["id"])
    run.step("task", "assign_task", lambda: gazu.task.assign_task(s["task"], s["artist"]))
    run.step("task", "all_tasks_for_person", lambda: gazu.task.all_tasks_for_person(s["artist"]),
             lambda r: len(r) == 1)
    s["comment"] = run.step("task", "add_comment",
                            lambda: gazu.task.add_comment(s["task"], s["wip"], "First pass @Ann Artist"),
                            lambda r: r["task_status_id"] == s["wip"]["id"])
    run.step("task", "all_comments_for_task", lambda: gazu.task.all_comments_for_task(s["task"]),
             lambda r: len(r) == 1)
    run.step("task", "get_last_comment_for_task", lambda: gazu.task.get_last_comment_for_task(s["task"]),
             lambda r: r["id"] == s["comment"]["id"])
    run.step("task", "acknowledge_comment", lambda: gazu.task.acknowledge_comment(s["task"], s["comment"]))
    run.step("task", "reply_to_comment", lambda: gazu.task.reply_to_comment(s["comment"], "Looks good"))
    run.step("task", "set_time_spent",
             lambda: gazu.task.set_time_spent(s["task"], s["artist"], "2026-12-01", 120))
    run.step("task", "add_time_spent",
             lambda: gazu.task.add_time_spent(s["task"], s["artist"], "2026-12-01", 60))
    run.step("task", "get_time_spent", lambda: gazu.task.get_time_spent(s["task"], "2026-12-01"))
    run.step("task", "all_open_tasks", lambda: gazu.task.all_open_tasks(), lambda r: "data" in r)
    run.step("task", "all_tasks_for_project", lambda: gazu.task.all_tasks_for_project(p()))
    s["preview"] = run.step("task", "add_preview",
                            lambda: gazu.task.add_preview(s["task"], s["comment"], png_file()),
                            lambda r: r["id"])
    run.step("task", "all_previews_for_task", lambda: gazu.task.all_previews_for_task(s["task"]))
    run.step("task", "set_main_preview", lambda: gazu.task.set_main_preview(s["preview"]))

    # --- files ------------------------------------------------------------------------------------
    run.step("files", "all_softwares", lambda: gazu.files.all_softwares())
    run.step("files", "all_output_types", lambda: gazu.files.all_output_types())
    run.step("files", "update_project_file_tree", lambda: gazu.files.update_project_file_tree(p(), {
        "working": {"mountpoint": "/prod", "root": "productions",
                    "folder_path": {"asset": "<Project>/assets/<AssetType>/<Asset>/<TaskType>",
                                    "shot": "<Project>/shots/<Sequence>/<Shot>/<TaskType>",
                                    "style": "lowercase"},
                    "file_name": {"asset": "<Project>_<AssetType>_<Asset>_<TaskType>",
                                  "shot": "<Project>_<Sequence>_<Shot>_<TaskType>", "style": "lowercase"}}}))
    run.step("files", "build_working_file_path", lambda: gazu.files.build_working_file_path(s["task"]),
             lambda r: "chair" in r)
    run.step("files", "new_working_file", lambda: gazu.files.new_working_file(s["task"]))
    run.step("files", "get_working_files_for_task", lambda: gazu.files.get_working_files_for_task(s["task"]))
    run.step("files", "set_project_file_tree", lambda: gazu.files.set_project_file_tree(p(), "simple"),
             lambda r: "working" in r["file_tree"])
    s["wf"] = run.step("files", "new_working_file(simple tree)",
                       lambda: gazu.files.new_working_file(s["task"], name="publish", comment="v1"),
                       lambda r: r["revision"] == 1 and r["path"].startswith("/simple/productions/"))
    run.step("files", "get_last_working_files", lambda: gazu.files.get_last_working_files(s["task"]),
             lambda r: "publish" in r)
    run.step("files", "get_last_working_file_revision",
             lambda: gazu.files.get_last_working_file_revision(s["task"], name="publish"),
             lambda r: r["revision"] == 1)
    run.step("files", "update_comment", lambda: gazu.files.update_comment(s["wf"], "checked"),
             lambda r: r["comment"] == "checked")
    run.step("files", "update_modification_date", lambda: gazu.files.update_modification_date(s["wf"]))
    run.step("files", "get_all_working_files_for_entity",
             lambda: gazu.files.get_all_working_files_for_entity(s["asset"]), lambda r: len(r) >= 1)
    wf_path = os.path.join(tempfile.mkdtemp(), "scene.blend")
    with open(wf_path, "wb") as f:
        f.write(b"blend bytes \x00\x01")
    run.step("files", "upload_working_file", lambda: gazu.files.upload_working_file(s["wf"], wf_path))
    run.step("files", "download_working_file",
             lambda: (gazu.files.download_working_file(s["wf"], wf_path + ".back"),
                      open(wf_path + ".back", "rb").read())[1],
             lambda r: r == b"blend bytes \x00\x01")
    s["output_type"] = run.step("files", "new_output_type", lambda: gazu.files.new_output_type("Cache " + tag,
                                                                                                "c" + tag[:4]))
    run.step("files", "build_entity_output_file_path",
             lambda: gazu.files.build_entity_output_file_path(s["asset"], s["output_type"], s["tt_model"]),
             lambda r: r.startswith("/simple/productions/export/"))
    s["of"] = run.step("files", "new_entity_output_file",
                       lambda: gazu.files.new_entity_output_file(s["asset"], s["output_type"], s["tt_model"],
                                                                 "publish", working_file=s["wf"]),
                       lambda r: r["revision"] == 1 and r["source_file_id"] == s["wf"]["id"])
    run.step("files", "get_next_entity_output_revision",
             lambda: gazu.files.get_next_entity_output_revision(s["asset"], s["output_type"], s["tt_model"]),
             lambda r: r == 2)
    run.step("files", "get_last_entity_output_revision",
             lambda: gazu.files.get_last_entity_output_revision(s["asset"], s["output_type"], s["tt_model"],
                                                                      name="main"),
             lambda r: r == 1)
    run.step("files", "all_output_files_for_entity",
             lambda: gazu.files.all_output_files_for_entity(s["asset"], output_type=s["output_type"]),
             lambda r: len(r) == 1)
    run.step("files", "get_last_output_files_for_entity",
             lambda: gazu.files.get_last_output_files_for_entity(s["asset"]), lambda r: len(r) >= 1)
    run.step("files", "all_output_types_for_entity", lambda: gazu.files.all_output_types_for_entity(s["asset"]),
             lambda r: [t["id"] for t in r] == [s["output_type"]["id"]])
    run.step("files", "all_output_files_for_project", lambda: gazu.files.all_output_files_for_project(p()),
             lambda r: len(r) >= 1)

    # --- playlists --------------------------------------------------------------------------------
    s["playlist"] = run.step("playlist", "new_playlist", lambda: gazu.playlist.new_playlist(p(), "Daily " + tag))
    run.step("playlist", "all_playlists_for_project", lambda: gazu.playlist.all_playlists_for_project(p()),
             lambda r: len(r) >= 1)
    run.step("playlist", "add_entity_to_playlist",
             lambda: gazu.playlist.add_entity_to_playlist(s["playlist"], s["asset"]))
    run.step("playlist", "get_playlist", lambda: gazu.playlist.get_playlist(s["playlist"]["id"]))

    # --- the artist's own view (gazu.user / gazu.context) -----------------------------------------
    run.step("client", "log_in(artist)", lambda: gazu.log_in(artist_email, "Artist-pass-123"))
    run.step("user", "get_context", lambda: gazu.user.get_context(), lambda r: len(r["projects"]) >= 1)
    run.step("user", "all_open_projects", lambda: gazu.user.all_open_projects(),
             lambda r: [x["id"] for x in r] == [s["project"]["id"]])
    run.step("user", "all_asset_types_for_project", lambda: gazu.user.all_asset_types_for_project(p()),
             lambda r: len(r) == 1)
    run.step("user", "all_assets_for_asset_type_and_project",
             lambda: gazu.user.all_assets_for_asset_type_and_project(p(), s["asset_type"]), lambda r: len(r) >= 1)
    run.step("user", "all_tasks_for_asset", lambda: gazu.user.all_tasks_for_asset(s["asset"]),
             lambda r: len(r) == 1)
    run.step("user", "all_task_types_for_asset", lambda: gazu.user.all_task_types_for_asset(s["asset"]),
             lambda r: len(r) == 1)
    run.step("user", "all_sequences_for_project", lambda: gazu.user.all_sequences_for_project(p()))
    run.step("user", "all_episodes_for_project", lambda: gazu.user.all_episodes_for_project(p()))
    run.step("user", "all_shots_for_sequence", lambda: gazu.user.all_shots_for_sequence(s["sequence"]))
    run.step("user", "all_tasks_to_do", lambda: gazu.user.all_tasks_to_do(),
             lambda r: [t["id"] for t in r] == [s["task"]["id"]])
    run.step("user", "all_done_tasks", lambda: gazu.user.all_done_tasks(), lambda r: r == [])
    run.step("user", "all_tasks_requiring_feedback", lambda: gazu.user.all_tasks_requiring_feedback())
    run.step("user", "get_timespents_range",
             lambda: gazu.user.get_timespents_range("2026-11-01", "2026-12-31"), lambda r: len(r) >= 1)
    run.step("user", "get_time_spents_by_date", lambda: gazu.user.get_time_spents_by_date("2026-12-01"),
             lambda r: len(r) == 1)
    run.step("user", "get_task_time_spent", lambda: gazu.user.get_task_time_spent(s["task"]))
    run.step("user", "log_desktop_session_log_in", lambda: gazu.user.log_desktop_session_log_in())
    run.step("user", "all_desktop_login_logs", lambda: gazu.user.all_desktop_login_logs(), lambda r: len(r) >= 1)
    run.step("user", "is_authenticated", lambda: gazu.user.is_authenticated(), bool)
    s["filter"] = run.step("user", "new_filter",
                           lambda: gazu.user.new_filter("Chairs", "chair", "asset"))
    run.step("user", "all_filters", lambda: gazu.user.all_filters())
    run.step("user", "update_filter", lambda: gazu.user.update_filter(dict(s["filter"], name="Chairs 2")))
    run.step("user", "remove_filter", lambda: gazu.user.remove_filter(s["filter"]))
    s["group"] = run.step("user", "new_filter_group",
                          lambda: gazu.user.new_filter_group("Group"))
    run.step("user", "all_filter_groups", lambda: gazu.user.all_filter_groups())
    run.step("user", "get_filter_group", lambda: gazu.user.get_filter_group(s["group"]))
    run.step("user", "remove_filter_group", lambda: gazu.user.remove_filter_group(s["group"]))
    run.step("user", "all_notifications", lambda: gazu.user.all_notifications(), lambda r: len(r) >= 1)
    run.step("user", "mark_all_notifications_as_read", lambda: gazu.user.mark_all_notifications_as_read())
    run.step("user", "check_task_subscription", lambda: gazu.user.check_task_subscription(s["task"]))
    run.step("user", "subscribe_to_task", lambda: gazu.user.subscribe_to_task(s["task"]))
    run.step("user", "unsubscribe_from_task", lambda: gazu.user.unsubscribe_from_task(s["task"]))
    run.step("user", "all_chats", lambda: gazu.user.all_chats())
    run.step("user", "get_day_off", lambda: gazu.user.get_day_off())
    run.step("context", "all_open_projects", lambda: gazu.context.all_open_projects(), lambda r: len(r) == 1)
    run.step("context", "all_assets_for_project", lambda: gazu.context.all_assets_for_project(p()))
    run.step("context", "all_asset_types_for_project", lambda: gazu.context.all_asset_types_for_project(p()))
    run.step("context", "all_task_types_for_asset", lambda: gazu.context.all_task_types_for_asset(s["asset"]))
    run.step("context", "all_sequences_for_project", lambda: gazu.context.all_sequences_for_project(p()))
    run.step("context", "all_episodes_for_project", lambda: gazu.context.all_episodes_for_project(p()))
    run.step("context", "all_shots_for_sequence", lambda: gazu.context.all_shots_for_sequence(s["sequence"]))

    # --- clean-up as admin ------------------------------------------------------------------------
    run.step("client", "log_in(admin)", lambda: gazu.log_in(email, password))

    # --- imports (source blueprint): CSV, OTIO, Kitsu sync, in a project of their own --------------------------------
    s["imp"] = run.step("project", "new_project(imports)", lambda: gazu.project.new_project("Imports " + tag))
    run.step("project", "add_task_type(imports)", lambda: gazu.project.add_task_type(s["imp"], s["tt_anim"], 1))
    tmp = tempfile.mkdtemp()
    assets_csv = os.path.join(tmp, "assets.csv")
    with open(assets_csv, "w") as f:
        f.write("Type;Name;Description\nProps %s;Crate;imported\n" % tag)
    s["imported"] = run.step("asset", "import_assets_with_csv",
                             lambda: gazu.asset.import_assets_with_csv(s["imp"], assets_csv),
                             lambda r: [a["name"] for a in r] == ["Crate"])
    shots_csv = os.path.join(tmp, "shots.csv")
    with open(shots_csv, "w") as f:
        f.write("Sequence,Name,Frame In,Frame Out\nSQ10,SH100,1,24\n")
    run.step("shot", "import_shots_with_csv", lambda: gazu.shot.import_shots_with_csv(s["imp"], shots_csv),
             lambda r: r[0]["name"] == "SH100" and r[0]["nb_frames"] == 24)
    otio_file = os.path.join(tmp, "cut.otio")
    clip = ('{"OTIO_SCHEMA": "Clip.1", "name": "%s", "source_range": {"OTIO_SCHEMA": "TimeRange.1", '
            '"start_time": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 0}, '
            '"duration": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": %d}}}')
    with open(otio_file, "w") as f:
        f.write('{"OTIO_SCHEMA": "Timeline.1", "name": "cut", "tracks": {"OTIO_SCHEMA": "Stack.1", "children": '
                '[{"OTIO_SCHEMA": "Track.1", "kind": "Video", "children": [%s, %s]}]}}'
                % (clip % ("SQ10-SH100", 30), clip % ("SQ10-SH110", 12)))
    run.step("shot", "import_otio",
             lambda: gazu.shot.import_otio(s["imp"], otio_file, naming_convention="${sequence_name}-${shot_name}"),
             lambda r: len(r["updated_shots"]) == 1 and [x["name"] for x in r["created_shots"]] == ["SH110"])
    run.step("sync", "import_entities",
             lambda: gazu.sync.import_entities([dict((s["imported"] or [{}])[0], description="synced")]),
             lambda r: len(r) == 1 and r[0]["description"] == "synced")
    run.step("shot", "remove_shot(force)", lambda: gazu.shot.remove_shot(s["shot"], force=True))
    run.step("asset", "remove_asset(force)", lambda: gazu.asset.remove_asset(s["asset2"], force=True))
    run.step("client", "log_out", lambda: gazu.log_out())
    return min(run.report(), 100)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
