"""The administration's page for importing a city's districts or population from a file:
upload, a dry-run preview of what would change, then confirm. Platform operators only
(districts belong to no organisation).

The uploaded file waits for the confirmation in a temporary folder that only the session
knows (by a random token); confirming imports exactly the previewed file with the
previewed options, and removes it. A preview nobody confirms (the operator went away)
is removed by the next upload once it is older than ``PREVIEW_MAX_AGE``.
"""

from __future__ import annotations

import re
import secrets
import shutil
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.admin import AdminSite
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sozialraum.lib.admin_site import is_platform_operator
from sozialraum.lib.importing import DataImportError, ImportProblem
from sozialraum.lib.textfiles import DEFAULT_ENCODING

from .importers import PRESETS, BoundaryOptions, TableOptions
from .importers.tables import BY_CODE, BY_NAME, LONG, WIDE
from .models import DistrictKind
from .services import ImportReport, districts_import, population_import, preset_import

SESSION_KEY = "district_import"
#: Seconds an unconfirmed preview's upload is kept.
PREVIEW_MAX_AGE = 2 * 3600
PREVIEW_PREFIX = "sozialraum-import-"
BOUNDARIES = "boundaries"
POPULATION = "population"
#: Suffixes an upload may have (the readers decide by them).
SUFFIXES = {BOUNDARIES: (".geojson", ".json", ".zip"), POPULATION: (".csv", ".txt")}
AREA_KINDS = [(kind.value, kind.label) for kind in DistrictKind if kind != DistrictKind.CITY]
#: The fields a preset sets (``import_population --preset`` refuses them too).
PRESET_SETS = (
    "city", "layout", "district_field", "year", "year_field", "age_field", "value_field",
    "where", "bands", "source",
)  # fmt: skip


def _preset_suffix(name: str) -> str:
    """What a preset's upload ends in: a folder of tables comes as a .zip."""
    return ".zip" if PRESETS[name].path.is_dir() else ".csv"


def _pairs(text: str, field: str) -> tuple[tuple[str, str], ...]:
    """``COLUMN=VALUE`` lines as pairs; ValidationError naming the first bad line."""
    pairs = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        column, separator, value = line.partition("=")
        if not separator or not column.strip():
            message = _("Line %(line)d is not COLUMN=VALUE.") % {"line": number}
            raise forms.ValidationError({field: message})
        pairs.append((column.strip(), value.strip()))
    return tuple(pairs)


class ImportForm(forms.Form):
    """Every option of ``import_districts`` and ``import_population``; which apply
    depends on ``what``."""

    what = forms.ChoiceField(
        label=gettext_lazy("What to import"),
        choices=[
            (BOUNDARIES, gettext_lazy("District boundaries (GeoJSON, zipped Shapefile)")),
            (POPULATION, gettext_lazy("Population by district, year and age (CSV table)")),
        ],
    )
    file = forms.FileField(label=gettext_lazy("File"))
    city = forms.CharField(label=gettext_lazy("City"), max_length=120, required=False)
    encoding = forms.CharField(
        label=gettext_lazy("Encoding"),
        required=False,
        help_text=gettext_lazy("Empty: UTF-8 (a Shapefile: its .cpg). E.g. latin-1, cp1252."),
    )
    skip_invalid = forms.BooleanField(
        label=gettext_lazy("Skip invalid records and import the rest"), required=False
    )
    # boundaries
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind of the areas"), choices=AREA_KINDS, required=False
    )
    name_field = forms.CharField(label=gettext_lazy("Field with the name"), required=False)
    code_field = forms.CharField(label=gettext_lazy("Field with the code"), required=False)
    parent_field = forms.CharField(
        label=gettext_lazy("Field with the parent area's code"), required=False
    )
    parent_kind = forms.ChoiceField(
        label=gettext_lazy("Kind of the parent areas"),
        choices=[("", "—"), *AREA_KINDS],
        required=False,
    )
    crs = forms.CharField(
        label=gettext_lazy("Coordinate reference system"),
        required=False,
        help_text=gettext_lazy("Only if the file does not say, e.g. 25832."),
    )
    # population
    preset = forms.ChoiceField(
        label=gettext_lazy("Preset"),
        choices=[("", "—"), *((name, preset.city) for name, preset in sorted(PRESETS.items()))],
        required=False,
        help_text=gettext_lazy(
            "A known city's published tables, read with fixed options (leave the city and "
            "the table fields empty): Flensburg as a .zip of its folder (tables and boundary "
            "GeoJSON), Kiel as its age-band CSV. Creates the city's districts."
        ),
    )
    layout = forms.ChoiceField(
        label=gettext_lazy("Layout"),
        choices=[
            (LONG, gettext_lazy("long: one row per district, year and age band")),
            (WIDE, gettext_lazy("wide: one row per district, a column per age band")),
        ],
        required=False,
    )
    district_field = forms.CharField(label=gettext_lazy("Column with the district"), required=False)
    district_by = forms.ChoiceField(
        label=gettext_lazy("The district column holds"),
        choices=[(BY_CODE, gettext_lazy("its code")), (BY_NAME, gettext_lazy("its name"))],
        required=False,
    )
    year = forms.IntegerField(
        label=gettext_lazy("Year"), min_value=1900, max_value=2100, required=False
    )
    year_field = forms.CharField(label=gettext_lazy("Column with the year"), required=False)
    age_field = forms.CharField(label=gettext_lazy("Column with the age band"), required=False)
    value_field = forms.CharField(
        label=gettext_lazy("Column with the number of residents"), required=False
    )
    where = forms.CharField(
        label=gettext_lazy("Keep only rows with"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=gettext_lazy("One COLUMN=VALUE per line, e.g. Geschlecht=Insgesamt."),
    )
    bands = forms.CharField(
        label=gettext_lazy("Age band columns"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=gettext_lazy(
            "One COLUMN=BAND per line, e.g. unter 18=0-17, 65+ or total; empty: every "
            "column whose header is an age band."
        ),
    )
    source = forms.CharField(label=gettext_lazy("Source"), max_length=300, required=False)

    GROUPS = (
        ("what", "file", "city", "encoding", "skip_invalid"),
        ("kind", "name_field", "code_field", "parent_field", "parent_kind", "crs"),
        ("preset", "layout", "district_field", "district_by", "year", "year_field",
         "age_field", "value_field", "where", "bands", "source"),
    )  # fmt: skip

    def groups(self) -> list[list[forms.BoundField]]:
        """The fields by fieldset: file and city, boundaries, population table."""
        return [[self[name] for name in group] for group in self.GROUPS]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        what = data.get("what")
        upload = data.get("file")
        preset = data.get("preset")
        suffixes = (_preset_suffix(preset),) if preset else SUFFIXES.get(what or "", ())
        if what and upload and not upload.name.lower().endswith(suffixes):
            message = _("The file must end in %(suffixes)s.") % {"suffixes": ", ".join(suffixes)}
            self.add_error("file", message)
        if preset:
            self.check_preset(data)
            return data
        needed = ["kind", "name_field"] if what == BOUNDARIES else ["layout", "district_field"]
        needed.append("city")
        if what == POPULATION and data.get("layout") == LONG:
            needed += ["age_field", "value_field"]
        for name in needed:
            if not data.get(name):
                self.add_error(name, _("Needed for this import."))
        if what == BOUNDARIES and bool(data.get("parent_field")) != bool(data.get("parent_kind")):
            self.add_error("parent_kind", _("Give the parent field and kind together."))
        if what == POPULATION and not (data.get("year") or data.get("year_field")):
            self.add_error("year", _("Give the year or the column with the year."))
        data["where"] = _pairs(data.get("where") or "", "where")
        data["bands"] = _pairs(data.get("bands") or "", "bands")
        return data

    def check_preset(self, data: dict[str, Any]) -> None:
        """A preset imports population and sets the table options itself."""
        if data.get("what") != POPULATION:
            self.add_error("preset", _("A preset imports population."))
        for name in PRESET_SETS:
            if data.get(name):
                self.add_error(name, _("Leave this empty with a preset."))


def _options(data: dict[str, Any]) -> BoundaryOptions | TableOptions:
    if data["what"] == BOUNDARIES:
        return BoundaryOptions(
            city=data["city"],
            kind=data["kind"],
            name_field=data["name_field"],
            code_field=data["code_field"] or None,
            parent_field=data["parent_field"] or None,
            parent_kind=data["parent_kind"] or None,
            encoding=data["encoding"] or None,
            crs=data["crs"] or None,
        )
    return TableOptions(
        layout=data["layout"],
        district_field=data["district_field"],
        district_by=data["district_by"] or BY_CODE,
        year=data["year"],
        year_field=data["year_field"] or None,
        age_field=data["age_field"] or None,
        value_field=data["value_field"] or None,
        where=tuple(data["where"]),
        bands=tuple(data["bands"]),
        encoding=data["encoding"] or DEFAULT_ENCODING,
        source=data["source"],
    )


def _unpacked(path: Path) -> Path:
    """The folder a preset reads: the files of an uploaded .zip (by their bare names, so
    nothing lands outside the folder), or the upload itself."""
    if path.suffix.lower() != ".zip":
        return path
    folder = path.parent / "files"
    try:
        with zipfile.ZipFile(path) as archive:
            folder.mkdir(exist_ok=True)
            for member in archive.infolist():
                name = Path(member.filename).name
                if member.is_dir() or not name or name.startswith("."):
                    continue
                (folder / name).write_bytes(archive.read(member))
    except zipfile.BadZipFile:
        message = _("is not a .zip file")
        raise DataImportError([ImportProblem(path.name, None, None, message, True)]) from None
    return folder


def _run(path: Path, data: dict[str, Any], *, dry_run: bool) -> ImportReport:
    skip = bool(data["skip_invalid"])
    if data.get("preset"):
        encoding = data["encoding"] or DEFAULT_ENCODING
        return preset_import(
            _unpacked(path), data["preset"], skip_invalid=skip, dry_run=dry_run, encoding=encoding
        )
    options = _options(data)
    if isinstance(options, BoundaryOptions):
        return districts_import(path, options, skip_invalid=skip, dry_run=dry_run)
    return population_import(path, data["city"], options, skip_invalid=skip, dry_run=dry_run)


def previews_sweep(now: float | None = None) -> int:
    """Removes the folders of previews older than ``PREVIEW_MAX_AGE``; their number."""
    cutoff = (time.time() if now is None else now) - PREVIEW_MAX_AGE
    removed = 0
    for folder in Path(tempfile.gettempdir()).glob(f"{PREVIEW_PREFIX}*"):
        try:
            old = folder.is_dir() and folder.stat().st_mtime < cutoff
        except FileNotFoundError:  # removed by a concurrent sweep
            continue
        if old:
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
    return removed


def _stored(upload: Any) -> Path:
    """The upload saved in a new temporary folder, under a harmless form of its name."""
    previews_sweep()
    name = re.sub(r"[^A-Za-z0-9._-]", "_", Path(upload.name).name).lstrip(".") or "upload"
    path = Path(tempfile.mkdtemp(prefix=PREVIEW_PREFIX)) / name
    with path.open("wb") as target:
        for chunk in upload.chunks():
            target.write(chunk)
    return path


def _discard(request: HttpRequest) -> None:
    pending = request.session.pop(SESSION_KEY, None)
    if pending:
        shutil.rmtree(Path(pending["path"]).parent, ignore_errors=True)


def district_import(request: HttpRequest, site: AdminSite) -> HttpResponse:
    """Upload and preview (POST with a file), confirm (POST with ``confirm``: the token
    of the previewed upload), or the empty form (GET)."""
    if not is_platform_operator(request.user):
        raise PermissionDenied
    if request.method == "POST" and "confirm" in request.POST:
        return _confirm(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    general, boundary_fields, population_fields = form.groups()
    context: dict[str, Any] = {
        **site.each_context(request),
        "form": form,
        "general": general,
        "boundary_fields": boundary_fields,
        "population_fields": population_fields,
    }
    context["title"] = _("Import districts or population")
    if request.method == "POST" and form.is_valid():
        _discard(request)
        data = {key: value for key, value in form.cleaned_data.items() if key != "file"}
        path = _stored(form.cleaned_data["file"])
        try:
            context["report"] = _run(path, data, dry_run=True)
        except DataImportError as error:
            shutil.rmtree(path.parent, ignore_errors=True)
            context["problems"] = error.problems
        else:
            token = secrets.token_urlsafe(16)
            request.session[SESSION_KEY] = {"token": token, "path": str(path), "data": data}
            context["token"] = token
        context["file_name"] = path.name
    return TemplateResponse(request, "districts/admin/import.html", context)


def _confirm(request: HttpRequest) -> HttpResponse:
    pending = request.session.get(SESSION_KEY)
    if pending and not Path(pending["path"]).is_file():  # swept as abandoned
        _discard(request)
        pending = None
    if not pending or not secrets.compare_digest(pending["token"], request.POST["confirm"]):
        messages.error(request, _("The preview has expired; please upload the file again."))
        return redirect(reverse("admin:districts_district_import"))
    path = Path(pending["path"])
    try:
        report = _run(path, pending["data"], dry_run=False)
    except DataImportError as error:
        _discard(request)
        for problem in error.problems[:20]:
            messages.error(request, str(problem))
        return redirect(reverse("admin:districts_district_import"))
    _discard(request)
    messages.success(request, report.summary)
    return redirect(reverse("admin:districts_district_changelist"))
