#!/usr/bin/env python3
"""Builds the default templates "Rozpočet a vyúčtování" and "Výkaz skutečnost" (src/Kissos.Web/Forms/Templates/) from the facts in
../shared/domain/vykaznictvi/: cost items (mpsv_rozpocet_sluzby_polozky.csv), staff positions
(mpsv_pracovni_zarazeni.csv), sources (zdroje_financovani.csv) and specific data (specificka_data_navrh.csv).
The 13 source columns of Zlínský kraj and their order are not public: the names below are a proposal from
zdroje_financovani.csv, and a kraj changes them by uploading its own template file.
Usage: scripts/build-form-templates.py [DATA] [YEAR] [KRAJ]"""
import csv, json, os, sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
data = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, '..', 'shared')
year = int(sys.argv[2]) if len(sys.argv) > 2 else 2026
kraj = sys.argv[3] if len(sys.argv) > 3 else 'CZ072'
folder = os.path.join(data, 'domain', 'vykaznictvi')

def rows(name):
    with open(os.path.join(folder, name), encoding='utf-8') as f:
        return list(csv.DictReader(f))

def level(code):
    return code.count('.')

def children(items, code):
    return [i['kod'] for i in items if i['nadrazeny_kod'] == code]

# Počet jednotek služby: direct-care FTE by § 115 (positions 1.x), beds, part B from term 2.
positions = [p for p in rows('mpsv_pracovni_zarazeni.csv') if p['prima_pece'] == 'ano']
units_rows = []
for p in positions:
    kids = children(positions, p['kod'])
    row = {'code': p['kod'], 'label': f"{p['kod']} {p['nazev']} ({p['vazba_par115']})", 'type': 'fte', 'level': level(p['kod'])}
    if kids: row.update(kind='sum', sum=kids)
    if p['kod'] == '1': row['baseline'] = 'units'; row['label'] = 'Přepočtené úvazky pracovníků v přímé péči celkem (HPP + DPČ + DPP)'
    units_rows.append(row)
units_rows.append({'code': 'luzka', 'label': 'Počet lůžek', 'type': 'int', 'baseline': 'beds',
                   'when': {'forms': ['pob']}})
units_rows.append({'code': 'luzka-noclehárny'.replace('á', 'a'), 'label': 'Počet lůžek (noclehárna)', 'type': 'int', 'baseline': 'beds',
                   'when': {'druhy': ['26']}})
units_rows.append({'code': 'program-b', 'label': 'z toho úvazky terénní služby v Programu – část B', 'type': 'fte',
                   'when': {'forms': ['ter'], 'terms': [2, 3, 4]}})

# Vybraná specifická data: the documented and proposed indicators per form of provision.
specific = [
    ('uzivatele', 'Počet uživatelů za rok (osoby)', 'int', None),
    ('odmitnuti', 'Počet odmítnutých zájemců (osoby)', 'int', None),
    ('odmitnuti-kapacita', 'z toho pro nedostatek kapacity', 'int', None),
    ('provozni-dny', 'Počet provozních dnů v roce', 'int', {'forms': ['pob']}),
    ('luzkodny', 'Obsazené lůžkodny', 'int', {'forms': ['pob']}),
    ('hodiny-kapacita', 'Hodiny přímé sociální práce – kapacita', 'int', {'forms': ['amb', 'ter']}),
    ('hodiny-skutecnost', 'Hodiny přímé sociální práce – skutečnost', 'int', {'forms': ['amb', 'ter']}),
    ('kontakty', 'Počet kontaktů (do 10 min)', 'int', {'druhy': ['22', '24', '25', '32']}),
    ('intervence', 'Počet intervencí (30 min)', 'int', {'druhy': ['22', '24', '25', '32', '1', '23', '28', '33']}),
    ('hovory', 'Počet hovorů', 'int', {'druhy': ['18']}),
    ('bez-uhrady', 'Počet uživatelů bez úhrady (§ 75 odst. 2)', 'int', {'druhy': ['4']}),
]
specific_rows = []
for code, label, typ, when in specific:
    r = {'code': code, 'label': label, 'type': typ}
    if code == 'odmitnuti-kapacita': r['level'] = 1
    if when: r['when'] = when
    specific_rows.append(r)

# Sources: 13 columns, 2–10 must balance (public sources without profit). Proposal: ZK's real layout is not public.
sources = [
    'Úhrady uživatelů a vlastní zdroje', 'Dotace MPSV (§ 101a) – Program A', 'Program pro sociální služby – část B',
    'Dotace z rozpočtu kraje', 'Příspěvek zřizovatele', 'Dotace MZ (CDZ)', 'Obce', 'Dotace MPSV přímo (nadregionální)',
    'ESF / OP Zaměstnanost', 'Úřad práce ČR', 'Zdravotní pojišťovny', 'Dary', 'Ostatní zdroje']
source_columns = [{'code': 'celkem', 'name': 'Celkem', 'kind': 'sum', 'sum': [f'z{i}' for i in range(1, 14)]}]
for i, name in enumerate(sources, start=1):
    source_columns.append({'code': f'z{i}', 'name': f'{i} {name}', 'mustBalance': 2 <= i <= 10, 'foldable': i >= 2})

items = [i for i in rows('mpsv_rozpocet_sluzby_polozky.csv')]
cost_rows = [{'code': 'N', 'label': 'Náklady celkem', 'kind': 'sum', 'type': 'money', 'sum': children(items, '')}]
for i in items:
    kids = children(items, i['kod'])
    name = i['nazev']
    if i['overeno'] != 'ano':  # 2.6.9 and 2.7 exist but their wording was not readable
        name = {'2.6.9': 'ostatní služby', '2.7': 'ostatní provozní náklady'}[i['kod']]
    row = {'code': i['kod'], 'label': f"{i['kod']} {name}", 'type': 'money', 'level': level(i['kod']) + 1}
    if kids: row.update(kind='sum', sum=kids)
    cost_rows.append(row)

revenues = [
    ('V1', 'úhrady uživatelů (ubytování, strava, péče, fakultativní činnosti)'),
    ('V2', 'příspěvek na péči (úhrada za péči)'),
    ('V3', 'úhrady zdravotních pojišťoven'),
    ('V4', 'dotace ze státního rozpočtu'),
    ('V5', 'dotace a příspěvky kraje'),
    ('V6', 'příspěvky a dotace obcí (po obcích pod SO ORP)'),
    ('V7', 'Jiné (DSO, mikroregion, MAS)'),
    ('V8', 'projekty ESF / OP Zaměstnanost'),
    ('V9', 'příspěvky Úřadu práce ČR'),
    ('V10', 'dary'),
    ('V11', 'ostatní výnosy'),
]
revenue_rows = [{'code': 'V', 'label': 'Výnosy celkem', 'kind': 'sum', 'type': 'money', 'sum': [c for c, _ in revenues]}]
for code, label in revenues:
    row = {'code': code, 'label': label, 'type': 'money', 'level': 1}
    if code == 'V6': row['kind'] = 'obce'
    revenue_rows.append(row)
money_rows = cost_rows + revenue_rows + [
    {'code': 'rozdil', 'label': 'Rozdíl mezi celkovými výnosy a celkovými náklady', 'kind': 'sum', 'type': 'money', 'sum': ['V', '-N']},
    {'code': 'komentar', 'label': 'Komentář k rozpočtu', 'type': 'text'},
]

# Sběr pilotních dat: the same set in the settlement and in the report (transferred by equal codes).
pilot_set = {'when': {'druhy': ['3', '4', '13', '14', '32']},
             'columns': [{'code': 'skutecnost', 'name': 'Skutečnost'}],
             'rows': [{'code': 'souhlas', 'label': 'Souhlas s pilotním sběrem (1 ano, 0 ne)', 'type': 'consent'},
                      {'code': 'uzivatele-31-12', 'label': 'Počet uživatelů k 31. 12.', 'type': 'int'},
                      {'code': 'podil-kontaktu', 'label': 'Podíl přímé práce na pracovní době (%)', 'type': 'percent'}],
             'rules': [{'type': 'consent', 'row': 'souhlas'}]}

programmes = [('z2', 'Program A – dotace MPSV (§ 101a)'), ('z3', 'Program – část B'), ('z4', 'Program kraje')]
split_rows = [{'code': 'celkem', 'label': 'Indikátor za službu celkem', 'type': 'int'}]
split_rows += [{'code': f'p-{c}', 'label': label, 'type': 'int', 'level': 1} for c, label in programmes]

template = {
    'family': 'rozpocet-a-vyuctovani',
    'name': 'Rozpočet a vyúčtování',
    'year': year,
    'kraj': kraj,
    'note': 'Sestaveno skriptem scripts/build-form-templates.py z ../shared/domain/vykaznictvi/. Nákladové položky MPSV '
            '(2.6.9 a 2.7 bez ověřeného znění), pracovní zařazení MPSV, zdroje podle zdroje_financovani.csv. '
            'Názvy a pořadí 13 sloupců zdrojů Zlínského kraje nejsou veřejné: sloupce jsou NÁVRH, kraj je mění '
            'nahráním vlastní šablony. Specifická a pilotní data jsou NÁVRH do doby, než kraj dodá přílohy metodiky.',
    'sets': [
        {'code': 'jednotky', 'name': 'Počet jednotek služby',
         'help': 'Průměrné přepočtené úvazky pracovníků v přímé péči za rok dle § 115 (HPP + DPČ + DPP); pobytové služby a noclehárny také lůžka. Levý sloupec je hodnota ze sítě kraje.',
         'columns': [{'code': 'sit', 'name': 'Výchozí hodnota (síť)', 'kind': 'baseline'},
                     {'code': 'skutecnost', 'name': 'Skutečnost'}],
         'rows': units_rows},
        {'code': 'specificka', 'name': 'Vybraná specifická data',
         'help': 'Skutečný stav ukazatele ke dni termínu, přírůstkově.',
         'columns': [{'code': 'skutecnost', 'name': 'Skutečnost'}], 'rows': specific_rows},
        {'code': 'pilotni', 'name': 'Sběr pilotních dat',
         'help': 'Dobrovolné. V prvním řádku souhlas 1 (ano) / 0 (ne); ostatní řádky jsou povinné jen při souhlasu 1.', **pilot_set},
        {'code': 'indikatory', 'name': 'Rozdělení indikátoru',
         'help': 'Levý sloupec: indikátory ze smlouvy/rozhodnutí; pravý: skutečnost. Stejný indikátor ve více programech se dělí poměrně k poskytnutým zdrojům (nabízený výpočet).',
         'columns': [{'code': 'smlouva', 'name': 'Dle smlouvy'}, {'code': 'skutecnost', 'name': 'Skutečnost'}],
         'rows': split_rows,
         'rules': [{'type': 'split', 'row': 'celkem', 'column': 'skutecnost',
                    'weights': {f'p-{c}': f'naklady/V/{c}' for c, _ in programmes}}]},
        {'code': 'texty', 'name': 'Textová pole', 'when': {'terms': [3]},
         'columns': [{'code': 'text', 'name': 'Text'}],
         'rows': [{'code': 'indikatory', 'label': 'Indikátory (komentář k indikátorům)', 'type': 'text'},
                  {'code': 'publicita', 'label': 'Publicita pro jednotlivé programy', 'type': 'text'},
                  {'code': 'komentar', 'label': 'Komentář k části Sady', 'type': 'text'}]},
        {'code': 'naklady', 'name': 'Náklady a výnosy',
         'help': 'Výnosy od obcí se zadávají u obce přidané pod její SO ORP. Ve zdrojích 2–10 musí být rozdíl výnosů a nákladů 0.',
         'columns': source_columns, 'rows': money_rows,
         'rules': [{'type': 'balance', 'row': 'rozdil'},
                   {'type': 'comment-required', 'row': 'V7', 'comment': 'komentar'}]},
    ],
    'totals': [
        {'code': 'naklady', 'label': 'Náklady celkem (Kč)', 'cell': 'naklady/N/celkem'},
        {'code': 'vynosy', 'label': 'Výnosy celkem (Kč)', 'cell': 'naklady/V/celkem'},
        {'code': 'uvazky', 'label': 'Úvazky v přímé péči', 'cell': 'jednotky/1/skutecnost'},
    ],
}

# Výkaz skutečnost I (term 3) and II (term 4): the settlement's sets are transferred into it when term 3/4 is signed
# (zk_kissos_sady_a_preklopeni.csv); row and column codes equal the settlement's, so the transfer copies by address.
all_positions = rows('mpsv_pracovni_zarazeni.csv')
staff_rows = [{'code': 'celkem', 'label': 'Úvazky celkem', 'kind': 'sum', 'type': 'fte', 'sum': ['1', '2']}]
for p in all_positions:
    kids = children(all_positions, p['kod'])
    row = {'code': p['kod'], 'label': f"{p['kod']} {p['nazev']} ({p['vazba_par115']})", 'type': 'fte', 'level': level(p['kod']) + 1}
    if kids: row.update(kind='sum', sum=kids)
    staff_rows.append(row)
beds_rows = [r for r in units_rows if r['code'] in ('luzka', 'luzka-nocleharny')]
report_revenue_rows = [dict(r, kind='sum') if r['code'] == 'V' else {k: v for k, v in r.items() if k != 'kind'} for r in revenue_rows]
# K06: persons in direct care per FTE of direct care at most (at least 0.1 FTE a person). A proposal, not a documented
# rule; it lands as a number in the check's expression, which a kraj changes in its template.
PERSONS_PER_FTE = 10
report = {
    'family': 'vykaz-skutecnost',
    'name': 'Výkaz skutečnost',
    'year': year,
    'kraj': kraj,
    'note': 'Sestaveno skriptem scripts/build-form-templates.py. Výkaz skutečnost I (3. termín) a II (4. termín); sady a '
            'překlopení podle zk_kissos_sady_a_preklopeni.csv, pracovní zařazení MPSV. Seznam souvztažností ZK není '
            'zveřejněn: kontroly K01–K08 jsou NÁVRH z příkladů zadání; K06 předpokládá nejméně 0,1 úvazku na osobu.',
    'terms': [3, 4],
    'signature': 'qualified',
    'transfer': {'family': 'rozpocet-a-vyuctovani', 'terms': [3, 4], 'label': 'Rozpočet a vyúčtování',
                 'sets': {'pracovnici': ['jednotky'], 'specificka': ['specificka', 'jednotky'], 'pilotni': ['pilotni'],
                          'finance-vynosy': ['naklady'], 'finance-naklady': ['naklady']}},
    'sets': [
        {'code': 'pracovnici', 'name': 'Pracovníci dle zařazení',
         'help': 'Členění pracovníků dle pracovního zařazení: průměrné přepočtené úvazky za rok. Úvazky přímé péče se '
                 'překlápějí z Počtu jednotek služby vyúčtování; ostatní pracovníky (2.1–2.3) vyplňte.',
         'columns': [{'code': 'skutecnost', 'name': 'Přepočtené úvazky'}], 'rows': staff_rows},
        {'code': 'specificka', 'name': 'Specifická data',
         'help': 'Specifická data podle druhu služby a počet lůžek; překlápějí se z vyúčtování, doplňte zbývající.',
         'columns': [{'code': 'skutecnost', 'name': 'Skutečnost'}], 'rows': beds_rows + specific_rows},
        {'code': 'pilotni', 'name': 'Pilotní data',
         'help': 'Sběr pilotních dat VÝKAZ, jen vybrané druhy; překlápí se ze Sběru pilotních dat vyúčtování.', **pilot_set},
        {'code': 'finance-vynosy', 'name': 'FINANCE – výnosy',
         'help': 'FINANCE – výnosy – zdroje financování: překlápí se z výnosů sady Náklady a výnosy vyúčtování.',
         'columns': source_columns, 'rows': report_revenue_rows},
        {'code': 'finance-naklady', 'name': 'FINANCE – náklady',
         'help': 'Překlápí se z nákladů sady Náklady a výnosy vyúčtování.',
         'columns': source_columns, 'rows': cost_rows},
        {'code': 'unicitni', 'name': 'Unicitní zaměstnanci k 31. 12.',
         'help': 'Počet unicitních zaměstnanců (dle osobního čísla) k 31. 12., celá čísla. Kdo pracuje v přímé i nepřímé '
                 'péči, je jen v přímé. POZOR: za IČO, ne za službu – vyplňte u jedné služby poskytovatele, u ostatních 0.',
         'perIco': True,
         'columns': [{'code': 'osoby', 'name': 'Osoby'}],
         'rows': [{'code': 'celkem', 'label': 'Zaměstnanci celkem', 'kind': 'sum', 'type': 'int', 'sum': ['prima', 'neprima']},
                  {'code': 'prima', 'label': 'v přímé péči', 'type': 'int', 'level': 1},
                  {'code': 'neprima', 'label': 'v nepřímé péči', 'type': 'int', 'level': 1}]},
    ],
    'checks': [
        {'code': 'K01', 'message': 'Úvazky přímé péče podle pracovního zařazení se rovnají úvazkům v Počtu jednotek služby vyúčtování.',
         'left': 'pracovnici/1/skutecnost', 'op': '=', 'right': 'zdroj:jednotky/1/skutecnost'},
        {'code': 'K02', 'message': 'Náklady celkem se rovnají nákladům celkem ve vyúčtování.',
         'left': 'finance-naklady/N/celkem', 'op': '=', 'right': 'zdroj:naklady/N/celkem'},
        {'code': 'K03', 'message': 'Výnosy celkem se rovnají výnosům celkem ve vyúčtování.',
         'left': 'finance-vynosy/V/celkem', 'op': '=', 'right': 'zdroj:naklady/V/celkem'},
        {'code': 'K04', 'message': 'Počet lůžek ve Specifických datech se rovná počtu lůžek v Počtu jednotek služby vyúčtování.',
         'left': 'specificka/luzka/skutecnost', 'op': '=', 'right': 'zdroj:jednotky/luzka/skutecnost', 'when': {'forms': ['pob']}},
        {'code': 'K05', 'message': 'Obsazené lůžkodny nepřevyšují počet lůžek × počet provozních dnů.',
         'left': 'specificka/luzkodny/skutecnost', 'op': '<=', 'right': 'specificka/luzka/skutecnost * specificka/provozni-dny/skutecnost',
         'when': {'forms': ['pob']}},
        {'code': 'K06',
         'message': 'Počet unicitních zaměstnanců v přímé péči za IČO nepřevyšuje, co umožňují úvazky přímé péče (nejméně 0,1 úvazku na osobu).',
         'left': 'ico:unicitni/prima/osoby', 'op': '<=', 'right': f'ico:pracovnici/1/skutecnost * {PERSONS_PER_FTE}'},
        {'code': 'K07', 'message': 'Odmítnutí pro nedostatek kapacity jsou částí všech odmítnutých zájemců.',
         'left': 'specificka/odmitnuti-kapacita/skutecnost', 'op': '<=', 'right': 'specificka/odmitnuti/skutecnost'},
        {'code': 'K08', 'severity': 'warning', 'message': 'Hodiny přímé sociální práce (skutečnost) nepřevyšují kapacitu.',
         'left': 'specificka/hodiny-skutecnost/skutecnost', 'op': '<=', 'right': 'specificka/hodiny-kapacita/skutecnost',
         'when': {'forms': ['amb', 'ter']}},
    ],
    'totals': [
        {'code': 'naklady', 'label': 'Náklady celkem (Kč)', 'cell': 'finance-naklady/N/celkem'},
        {'code': 'vynosy', 'label': 'Výnosy celkem (Kč)', 'cell': 'finance-vynosy/V/celkem'},
        {'code': 'uvazky', 'label': 'Úvazky v přímé péči', 'cell': 'pracovnici/1/skutecnost'},
        # Summed per druh and ORP for staff (GET /api/forms/sums); a cell a service does not have counts 0.
        {'code': 'luzka', 'label': 'Lůžka', 'cell': 'specificka/luzka/skutecnost'},
        {'code': 'uzivatele', 'label': 'Uživatelé za rok (osoby)', 'cell': 'specificka/uzivatele/skutecnost'},
        {'code': 'luzkodny', 'label': 'Obsazené lůžkodny', 'cell': 'specificka/luzkodny/skutecnost'},
    ],
}

for t in (template, report):
    out = os.path.join(root, 'src', 'Kissos.Web', 'Forms', 'Templates', f"{t['family']}.json")
    with open(out, 'w', encoding='utf-8') as f:
        json.dump(t, f, ensure_ascii=False, indent=2)
        f.write('\n')
    print(out)
