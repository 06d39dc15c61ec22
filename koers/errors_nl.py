"""Dutch message templates of every error, by code (see :mod:`koers.errors`).

Everyday words first: a citizen reads these on a page. The placeholders are the same as in the
English templates; a test checks that every error code has its Dutch template here.
"""

MESSAGES: dict[str, str] = {
    "cli.batch_line_no_text": "Regel {line}: het veld 'text' ontbreekt of is geen tekst.",
    "cli.batch_line_not_json": "Regel {line}: geen geldige JSON ({reason}).",
    "cli.batch_line_not_utf8": "Regel {line}: geen UTF-8-tekst.",
    "cli.file_or_batch": "Geef een BESTAND of --batch IN.jsonl.",
    "cli.no_such_file": "Dit bestand bestaat niet: {path}",
    "cli.no_such_folder": "Deze map bestaat niet: {path}",
    "cli.not_utf8": "{path} is geen UTF-8-tekst.",
    "cli.occupation_or_batch": "Geef een BEROEP (URI of naam) of --batch BESTAND.",
    "cli.skills_or_portfolio": "Geef --skills URI[,URI...] of --portfolio BESTAND, niet allebei.",
    "batch.no_vacancies": "{path} bevat geen vacatures (vacancies/*.parquet).",
    "batch.output_of_another_run": (
        "{path} bevat de uitvoer van een andere run ({difference} verschilt); "
        "kies een andere uitvoermap of verwijder ze."
    ),
    "batch.top_out_of_range": (
        "Het aantal resultaten per vacature en per werkzoekende ligt tussen 1 en {limit}."
    ),
    "batch.workers_out_of_range": "Het aantal workers ligt tussen 1 en {limit}.",
    "cli.population_or_synthetic": (
        "Geef IN UIT (een populatiemap en een uitvoermap), of UIT met --synthetic N."
    ),
    "monitoring.analysts_only": "Alleen analisten en beheerders zien de beleidsmonitoring.",
    "vacancy.citizens_only": "Alleen een burger krijgt vacatures bij het eigen portfolio.",
    "vacancy.employers_only": "Alleen werkgevers zoeken kandidaten voor een vacature.",
    "vacancy.no_skills": (
        "Geef de competenties die de vacature vraagt (minstens één, hoogstens {limit})."
    ),
    "vacancy.skill_unknown": "{uri} is geen competentie van de competentietaal.",
    "vacancy.top_out_of_range": "Het aantal resultaten ligt tussen 1 en {limit}.",
    "population.column_missing": "{path}: de kolom {column} ontbreekt.",
    "population.not_a_population": "{path} is geen populatiemap (er ontbreekt {what}).",
    "population.output_exists": "{path} bevat al een populatie; kies een lege map.",
    "extraction.empty_text": "De tekst is leeg.",
    "extraction.text_too_long": "De tekst is te lang (hoogstens {limit} tekens).",
    "forecast.employment_gaps": (
        "In de cijfers over werkgelegenheid ontbreken jaren ({gaps}): "
        "er kan geen vooruitzicht berekend worden."
    ),
    "forecast.horizon_out_of_range": "Kies tussen 1 en {limit} jaar vooruit.",
    "forecast.unknown_scenario": "Onbekend scenario “{name}”; kies uit: {choices}.",
    "import.above_maximum": "{value} is meer dan het maximum {maximum}",
    "import.below_minimum": "{value} is minder dan het minimum {minimum}",
    "import.column_missing": "deze kolom ontbreekt",
    "import.duplicate_row": "herhaalt rij {first}",
    "import.file_missing": "het bestand bestaat niet",
    "import.invalid": "{count} probleem/problemen gevonden; er werd niets ingelezen.",
    "import.no_rows": "het bestand bevat geen rijen met gegevens",
    "import.not_a_choice": "“{value}” is niet een van: {choices}",
    "import.not_a_date": "“{value}” is geen datum JJJJ-MM-DD",
    "import.not_a_number": "“{value}” is geen getal",
    "import.not_a_period": "“{value}” is geen periode JJJJ-MM",
    "import.not_a_share": "{value} is geen aandeel tussen 0 en 1",
    "import.not_finite": "“{value}” is geen eindig getal",
    "import.not_whole": "“{value}” is geen geheel getal",
    "import.shares_do_not_add_up": "de aandelen voor {group} tellen op tot {total}, niet tot 1",
    "import.unknown_column": "deze kolom hoort niet bij dit soort gegevens",
    "import.unknown_kind": "Onbekend soort gegevens “{kind}”; bekende soorten: {choices}.",
    "import.unreadable": "het bestand is niet te lezen als CSV (UTF-8) of Parquet: {reason}",
    "import.value_required": "hier moet een waarde staan",
    "import.unknown": "Er is geen import met nummer {dataset_id}.",
    "import.not_text": "de waarde is geen tekst (maar een {kind})",
    "import.too_long": "de tekst is langer dan {limit} tekens",
    "import.not_an_esco_occupation_uri": "“{value}” is geen URI van een ESCO-beroep",
    "import.unknown_esco_occupation": "{uri} is geen ESCO-beroep",
    "import.file_too_large": "het bestand is groter dan {limit_mb} MB",
    "import.too_many_rows": "het bestand heeft meer dan {limit} rijen",
    "import.breaks_forecast": (
        "Dit bestand past niet bij de gegevens die nu gelden, er werd niets ingelezen: {reason}"
    ),
    "invalid_input": "Ongeldige invoer: {summary}",
    "market.bad_period": "“{period}” is geen periode JJJJ-MM.",
    "market.data_missing": (
        "Er zijn geen gegevens van het soort “{kind}”: lees ze in met "
        "`koers market import {kind} BESTAND`."
    ),
    "market.series_too_short": (
        "Voor een terugtoets zijn minstens {needed} jaar gegevens nodig vóór de geteste jaren."
    ),
    "market.unknown_collection": "Onbekende verzameling “{name}”; kies uit: {choices}.",
    "market.unknown_period": (
        "Voor {period} zijn er geen cijfers over vacatures en werkzoekenden. "
        "Periodes met cijfers: {periods}."
    ),
    "market.unknown_sector": "Onbekende sector “{code}”; bekende sectoren: {choices}.",
    "matching.ambiguous_start": "Geef ofwel een huidig beroep, ofwel een portfolio.",
    "matching.empty_portfolio": "Het portfolio bevat geen gekende ESCO-vaardigheden.",
    "matching.top_out_of_range": "Het aantal resultaten moet tussen 1 en {limit} liggen.",
    "pathway.goal_is_start": "Het doel is het beroep waarmee je start.",
    "pathway.no_route": "Geen enkele route van hoogstens {steps} stappen leidt naar dit doel.",
    "portfolio.claim_bad_choice": (
        "Competentie {index}, veld '{field}': “{value}” is niet een van: {choices}."
    ),
    "portfolio.claim_bad_date": "Competentie {index}, veld '{field}': geen datum (JJJJ-MM-DD).",
    "portfolio.claim_not_an_object": "Competentie {index} is geen JSON-object.",
    "portfolio.claim_skill_missing": (
        "Competentie {index}, veld 'skill_uri': de vaardigheid ontbreekt."
    ),
    "portfolio.claim_skill_unknown": (
        "Competentie {index}, veld 'skill_uri': {uri} is geen ESCO-vaardigheid."
    ),
    "portfolio.not_a_portfolio": "Het portfolio moet een JSON-object zijn met een lijst 'claims'.",
    "portfolio.not_json": "Het portfolio is geen geldige JSON: {reason}.",
    "portfolio.unknown_format": "Onbekend portfolioformaat “{format}”; Koers leest {formats}.",
    "portfolio.occupation_unknown": "Veld '{field}': {uri} is geen ESCO-beroep.",
    "portfolio.citizens_only": "Alleen een burger houdt een portfolio bij en doet deze check.",
    "portfolio.grantees_only": (
        "Alleen loopbaanbegeleiders en werkgevers lezen het portfolio van iemand anders."
    ),
    "portfolio.unknown_citizen": "Er is geen burger met nummer {citizen_id}.",
    "portfolio.unknown_claim": "Je portfolio heeft geen competentie met nummer {claim_id}.",
    "portfolio.no_consent": "Deze burger heeft je geen toegang gegeven tot zijn of haar portfolio.",
    "portfolio.not_a_grantee": "“{username}” is geen loopbaanbegeleider of werkgever op Koers.",
    "portfolio.skill_unknown": "Onbekende ESCO-vaardigheid: {uri}",
    "portfolio.too_many_claims": "Een portfolio bevat hoogstens {limit} competenties.",
    "request.not_logged_in": "Log eerst in.",
    "request.not_json": "De inhoud van de aanvraag is geen geldige JSON.",
    "request.csrf_failed": (
        "De aanvraag heeft geen geldig CSRF-token: laad de pagina opnieuw en probeer nog eens."
    ),
    "request.too_large": "De aanvraag is te groot (hoogstens {limit_mb} MB).",
    "request.server_busy": "Het is nu te druk; wacht even en probeer het opnieuw.",
    "request.too_many": "Te veel aanvragen; wacht {seconds} seconden en probeer opnieuw.",
    "request.no_skills_or_portfolio": "Geef 'skills' of 'portfolio'.",
    "request.skills_and_portfolio": "Geef 'skills' of 'portfolio', niet allebei.",
    "softskills.bad_answer": "Antwoord “{key}” moet 1, 2, 3 of 4 zijn.",
    "backup.not_empty": (
        "De databank bevat al {users} accounts; zet een back-up alleen terug in een lege databank."
    ),
    "backup.not_a_backup": (
        "{name} is geen Koers-back-up (een .json.gz-bestand van `koers backup create`)."
    ),
    "checks.employers_only": "Alleen een werkgever doet de organisatiecheck.",
    "organisation.unknown_occupation": "{uri} is geen ESCO-beroep",
    "organisation.unknown_skill": "{uri} is geen ESCO-vaardigheid",
    "search.empty_query": "De zoektekst is leeg.",
    "search.query_too_long": "De zoektekst is te lang (hoogstens {limit} tekens).",
    "search.unresolved_occupation": (
        "Geen ESCO-beroep past goed genoeg bij “{text}”. Bedoelde je: {suggestions}?"
    ),
    "search.unresolved_skill": (
        "Geen ESCO-vaardigheid past goed genoeg bij “{text}”. Bedoelde je: {suggestions}?"
    ),
    "taxonomy.source_file_missing": "ESCO-bronbestand ontbreekt: {name} (in de gegeven map)",
    "taxonomy.unknown_occupation": "Onbekend ESCO-beroep: {uri}",
    "taxonomy.unknown_skill": "Onbekende ESCO-vaardigheid: {uri}",
    "cli.bad_date": "“{value}” is geen datum JJJJ-MM-DD.",
    "cli.unknown_mode": "Onbekende vorm “{mode}”; kies uit: {choices}.",
    "ledger.amount_not_positive": "Een bedrag moet meer dan nul cent zijn (niet {amount}).",
    "ledger.funder_required": "Bij een storting staat wie betaalt: {choices}.",
    "ledger.insufficient_funds": (
        "Op de rekening staat {available} cent beschikbaar, minder dan de gevraagde {amount}."
    ),
    "ledger.reservation_exceeded": (
        "Op reservering “{reference}” staat {open} cent, minder dan de gevraagde {amount}."
    ),
    "ledger.unknown_reservation": "De rekening heeft geen openstaande reservering “{reference}”.",
    "rights.profile_invalid": "Profiel, veld '{field}': {reason}",
    "rights.profile_not_json": "Het profiel is geen JSON-object: {reason}",
    "rights.rule_file_invalid": "Regelbestand {file}: {reason}",
    "rights.rules_folder_missing": "Deze map met regels bestaat niet: {path}",
    "rights.versions_overlap": (
        "Regel {rule_id}: de versies {first} en {second} gelden op dezelfde dagen."
    ),
    "training.course_not_an_object": "een opleiding moet een JSON-object zijn",
    "training.empty_gap": "Geef minstens één ontbrekende competentie.",
    "training.gap_too_large": "Een tekort telt hoogstens {limit} competenties.",
    "training.limit_out_of_range": "Het aantal opleidingen moet tussen 1 en {limit} liggen.",
    "training.no_skills": "een opleiding leert minstens één ESCO-vaardigheid",
    "training.not_a_catalogue": (
        "verwacht een JSON-lijst van opleidingen of een object met een lijst 'courses'"
    ),
    "training.skill_unknown": "{uri} is geen ESCO-vaardigheid",
    "training.unsupported_file": "een opleidingsaanbod is een .csv- of .json-bestand",
    "training.already_enrolled": "Je bent al ingeschreven voor “{title}”.",
    "training.citizens_only": "Alleen een burger heeft een leerrekening.",
    "training.course_id_taken": (
        "De code “{course_id}” hoort bij een opleiding van een andere aanbieder."
    ),
    "training.not_your_course": (
        "Alleen de aanbieder die “{course_id}” aanbiedt, mag ze of haar inschrijvingen wijzigen."
    ),
    "training.not_enough_money": (
        "Op je leerrekening staat {available} vrij, minder dan de {cost} die deze opleiding kost."
    ),
    "training.unknown_course": "Er is geen opleiding “{course_id}” in het aanbod.",
    "training.unknown_enrolment": (
        "Er is geen open inschrijving met nummer {enrolment_id} voor jou."
    ),
}
