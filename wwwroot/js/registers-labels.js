// Czech names of the register codes. The API serves codes only; the names of adverse social situations are those of
// shared/domain/nepriznive_socialni_situace.csv (zákon 108/2006 Sb. § 3 písm. b), which no endpoint serves yet.

export const SITUATIONS = {
  vek: 'věk',
  zdravotni_stav: 'nepříznivý zdravotní stav',
  krizova_situace: 'krizová sociální situace',
  zivotni_navyky: 'životní návyky a způsob života vedoucí ke konfliktu se společností',
  znevyhodnujici_prostredi: 'sociálně znevýhodňující prostředí',
  ohrozeni_trestnou_cinnosti: 'ohrožení práv a zájmů trestnou činností jiné fyzické osoby',
  jine_zavazne_duvody: 'jiné závažné důvody',
};

export const APPLICANT_STATUS = {
  waiting: 'čeká',
  admitted: 'přijat/a',
  withdrawn: 'žádost stažena',
  rejected: 'zamítnuto',
};

export const URGENCY = { 1: 'běžná', 2: 'zvýšená', 3: 'akutní' };

export const situationName = (code) => SITUATIONS[code] || code;
