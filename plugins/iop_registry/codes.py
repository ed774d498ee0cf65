"""The catalogue of diagnostic codes: every code once, with its severity and its guide text.

A code names one kind of problem in every format a message takes (`title=` of a GitHub
annotation, `code` in the JSON output); the editors' guide lists them all, with what each means,
and its common mistakes show their code's entry. `Report` refuses a code that is not here, so a
new check states its code, severity and explanation in this one place; a test scans the source
for codes in use.
"""

from __future__ import annotations

from dataclasses import dataclass

from .diagnostics import Severity

ERROR, WARNING = Severity.ERROR, Severity.WARNING


@dataclass(frozen=True)
class Code:
    """One kind of problem: its code, whether it stops the build, and what it means (Swedish)."""

    code: str
    severity: Severity
    guide: str


_CATALOGUE = (
    # Files and folders (registry.py, load.py)
    Code("no-registry", ERROR, "Mappen med registret finns inte."),
    Code("unknown-folder", ERROR, "En mapp i registret är ingen posttyp."),
    Code("not-a-record", ERROR, "En fil i registret har inte filändelsen .yml."),
    Code("symlink", ERROR, "En fil eller mapp är en symbolisk länk; registret läser bara vanliga filer."),
    Code("hidden-file", WARNING, "En dold fil (namnet börjar med punkt) läses inte."),
    Code("bad-id", ERROR, "Filnamnet duger inte som id: använd små bokstäver a–z, siffror och bindestreck."),
    Code("duplicate-id", ERROR, "Två filer har samma id."),
    Code("reserved-id", ERROR, "Id:t är upptaget av en sida på webbplatsen."),
    Code("file-too-large", ERROR, "Filen är för stor för att vara en post."),
    Code("not-utf8", ERROR, "Filen är inte sparad som UTF-8."),
    Code("empty-file", ERROR, "Filen är tom."),
    Code("many-documents", ERROR, "Filen innehåller flera YAML-dokument; en fil är en post."),
    Code("not-a-mapping", ERROR, "Filen består inte av fält på formen 'namn: värde'."),
    Code("yaml-syntax", ERROR, "Filen går inte att läsa som YAML: ofta ett kolon, ett indrag eller ett citattecken."),
    Code("missing-publisher", ERROR, "Utgivaren saknas i mkdocs.yml."),
    # Fields and values (parse.py)
    Code("bad-key", ERROR, "Ett fältnamn är inte ett ord."),
    Code("duplicate-key", ERROR, "Ett fält står två gånger."),
    Code("unknown-field", ERROR, "Fältet finns inte för posttypen, ofta ett felstavat fältnamn."),
    Code("missing-field", ERROR, "Ett obligatoriskt fält saknas eller är tomt."),
    Code("placeholder", ERROR, "Ett fält från mallen är inte ifyllt (det står FYLL I)."),
    Code("wrong-type", ERROR, "Värdet har fel form: en text där en lista eller en grupp av fält ska stå, eller tvärtom."),
    Code("empty-item", ERROR, "En lista har en tom rad."),
    Code("empty-text", ERROR, "En text är tom."),
    Code("yaml-tag", ERROR, "Värdet har en YAML-tagg (ett ord som börjar med !)."),
    Code("yaml-coercion", ERROR, "Värdet står utan citattecken och YAML skulle läsa det som något annat, till exempel en tid som ett tal."),
    Code("quoted-value", ERROR, "Ett tal eller true/false står inom citattecken."),
    Code("bad-choice", ERROR, "Värdet finns inte bland de tillåtna."),
    Code("bad-value", ERROR, "Värdet har fel form eller finns inte, till exempel ett datum som inte finns i kalendern."),
    # Text (text.py)
    Code("control-character", ERROR, "Texten innehåller ett styrtecken, ofta från text som klistrats in."),
    Code("line-break", ERROR, "En text som ska stå på en rad har en radbrytning eller ett tabbtecken."),
    Code("bad-character", ERROR, "Texten innehåller ett tecken som inte kan publiceras."),
    Code("bidi-control", ERROR, "Texten innehåller ett tecken som vänder textens riktning på skärmen."),
    Code("invisible-character", ERROR, "Texten innehåller ett osynligt specialtecken."),
    Code("private-character", ERROR, "Texten innehåller ett privat tecken som ingen kan se."),
    Code("too-many-marks", ERROR, "För många accenter eller andra tecken sitter på samma bokstav."),
    Code("invisible-text", ERROR, "Texten syns inte: den består bara av mellanrum och osynliga tecken."),
    Code("too-long", ERROR, "Texten är längre än vad fältet tillåter."),
    Code("mixed-script-domain", ERROR, "En e-postadress har en domän som blandar alfabet och ser ut som en annan domän."),
    # Records and their relations (validate.py)
    Code("unknown-reference", ERROR, "Ett id pekar på en post som inte finns."),
    Code("parent-cycle", ERROR, "Organisationer hör till varandra i en ring."),
    Code("no-public-body", WARNING, "En nämnd, ett utskott eller en förvaltning hör inte till någon kommun eller region i registret."),
    Code("look-alike-name", WARNING, "Två organisationer i samma kommun eller region har namn som ser likadana ut."),
    Code("period-order", ERROR, "Avtalsperioden slutar innan den börjar."),
    Code("no-public-party", ERROR, "Ingen part i partnerskapet är offentlig part; varje partnerskap har minst en."),
    Code("no-idea-driven-party", ERROR, "Ingen part i partnerskapet är idéburen part; varje partnerskap har minst en."),
    Code("coordinator-not-a-party", WARNING, "Den samordnande parten (coordinator) står inte bland partnerskapets parter."),
    Code("ended-early-outside-period", WARNING, "Avtalet avslutas i förtid från ett datum utanför avtalsperioden."),
    Code("follows-itself", ERROR, "Ett avtal anges följa efter sig självt."),
    Code("no-sources", ERROR, "Partnerskapet har ingen källa: varje uppgift ska gå att spåra till ett dokument, ett pressmeddelande eller en webbsida."),
    Code("role-mismatch", WARNING, "En parts roll stämmer inte med vilken sorts organisation det är."),
    Code("not-a-party", WARNING, "En organisation med åtaganden står inte bland parterna."),
    Code("duplicate-year", ERROR, "Budgeten har samma år två gånger."),
    Code("budget-outside-period", WARNING, "Ett budgetår ligger utanför avtalsperioden."),
    Code("total-mismatch", ERROR, "Summan som budgeten anger stämmer inte med posterna."),
    Code("unbalanced-budget", WARNING, "Budgetens intäkter och kostnader är inte lika stora; sidan visar skillnaden."),
    Code("empty-budget-year", ERROR, "Ett budgetår har inga belopp: varken kostnader, intäkter eller en summa."),
    Code("partial-without-total", ERROR, "Posterna sägs vara en del av en summa (”varav”), men summan saknas."),
    Code("through-before-year", ERROR, "Sista året (through) för ett budgetbelopp ligger före första året."),
    Code("per-year-without-through", WARNING, "per_year: false betyder något bara när beloppen gäller flera år (through)."),
    Code("deadline-before-start", WARNING, "En rapport ska vara klar innan avtalet börjar."),
    Code("case-number-missing", WARNING, "Diarienumret för ett beslut som partnerskapet hänvisar till saknas bland partnerskapets diarienummer."),
    Code("missing-decision-date", WARNING, "Ärendet är beslutat men beslutsdatum saknas."),
    Code("decision-date-without-decision", ERROR, "Beslutsdatum är ifyllt men ärendet är inte beslutat."),
    Code("no-sessions", ERROR, "Kursen har inga träffar."),
    Code("duplicate-session", ERROR, "Två träffar har samma dag och tid."),
    Code("session-order", ERROR, "En träff eller informationsträff slutar innan den börjar."),
    Code("session-outside-period", WARNING, "En träff ligger utanför partnerskapets avtalsperiod."),
    Code("sessions-unordered", WARNING, "Träffarna står inte i datumordning."),
    Code("meeting-after-start", WARNING, "En informationsträff ligger efter kursens första träff."),
    Code("meeting-without-place", WARNING, "En informationsträff saknar plats och länk."),
    Code("deadline-after-start", WARNING, "Sista anmälningsdag ligger efter kursens första träff."),
    Code("capacity-order", ERROR, "Minsta antal deltagare är större än högsta."),
    Code("too-many-places", ERROR, "Fler platser kvar än kursen har plats för."),
    Code("full-with-places", WARNING, "Kursen är fullbokad men har platser kvar."),
)

CODES: dict[str, Code] = {entry.code: entry for entry in _CATALOGUE}
if len(CODES) != len(_CATALOGUE):  # each code once
    raise RuntimeError("a diagnostic code is declared twice in codes.py")


def code_entry(code: str) -> Code:
    """The catalogue's entry for `code`; KeyError for a code no check may use."""
    return CODES[code]
