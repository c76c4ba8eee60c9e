/** One vaccine brand as it appears on a certificate. */
export interface VaccineEntry {
  /** Brand name as sent in `vaccination.name` (matched case-insensitively). */
  readonly name: string;
  /** Marketing authorisation holder printed on the certificate. */
  readonly manufacturer: string;
  /** Vaccine type in words, for example "COVID-19 vaccine, inactivated virus". */
  readonly prophylaxis: string;
  /** ICD-11 code of the vaccine type, from the ICD-11 MMS chapter XM. */
  readonly icd11Code: string;
  /** Number of doses in the primary series. */
  readonly primaryDoses: number;
}

/** A named, versioned list of vaccine brands. */
export interface VaccineValueSet {
  readonly id: string;
  readonly version: string;
  readonly entries: readonly VaccineEntry[];
}

/**
 * COVID-19 vaccines administered in India's programme and the main international brands,
 * with ICD-11 MMS extension codes (2023-01 release): XM9QW8 non-replicating viral vector,
 * XM1NL1 inactivated virus, XM5JC5 protein subunit, XM6AT1 DNA based, XM0GQ8 mRNA based.
 * Janssen's Ad26.COV2-S also has its own code XM0CX4. A released version never changes.
 */
export const covid19Vaccines: VaccineValueSet = {
  id: 'covid-19-vaccines',
  version: '1.0.0',
  entries: [
    {
      name: 'COVISHIELD',
      manufacturer: 'Serum Institute of India',
      prophylaxis: 'COVID-19 vaccine, non-replicating viral vector',
      icd11Code: 'XM9QW8',
      primaryDoses: 2,
    },
    {
      name: 'COVAXIN',
      manufacturer: 'Bharat Biotech',
      prophylaxis: 'COVID-19 vaccine, inactivated virus',
      icd11Code: 'XM1NL1',
      primaryDoses: 2,
    },
    {
      name: 'CORBEVAX',
      manufacturer: 'Biological E Limited',
      prophylaxis: 'COVID-19 vaccine, virus protein subunit',
      icd11Code: 'XM5JC5',
      primaryDoses: 2,
    },
    {
      name: 'COVOVAX',
      manufacturer: 'Serum Institute of India',
      prophylaxis: 'COVID-19 vaccine, virus protein subunit',
      icd11Code: 'XM5JC5',
      primaryDoses: 2,
    },
    {
      name: 'ZyCoV-D',
      manufacturer: 'Zydus Cadila',
      prophylaxis: 'COVID-19 vaccine, DNA based',
      icd11Code: 'XM6AT1',
      primaryDoses: 3,
    },
    {
      name: 'Sputnik V',
      manufacturer: 'Gamaleya Research Institute',
      prophylaxis: 'COVID-19 vaccine, non-replicating viral vector',
      icd11Code: 'XM9QW8',
      primaryDoses: 2,
    },
    {
      name: 'Comirnaty',
      manufacturer: 'Pfizer-BioNTech',
      prophylaxis: 'COVID-19 vaccine, mRNA based',
      icd11Code: 'XM0GQ8',
      primaryDoses: 2,
    },
    {
      name: 'Spikevax',
      manufacturer: 'Moderna',
      prophylaxis: 'COVID-19 vaccine, mRNA based',
      icd11Code: 'XM0GQ8',
      primaryDoses: 2,
    },
    {
      name: 'Janssen',
      manufacturer: 'Janssen-Cilag International',
      prophylaxis: 'COVID-19 vaccine, non-replicating viral vector',
      icd11Code: 'XM0CX4',
      primaryDoses: 1,
    },
  ],
};
