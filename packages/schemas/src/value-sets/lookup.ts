import { covid19Vaccines, type VaccineEntry, type VaccineValueSet } from './vaccines.js';

/** Options of {@link createVaccineCatalog}. */
export interface VaccineCatalogOptions {
  /** Value sets to search, in order; defaults to the bundled COVID-19 set. */
  readonly valueSets?: readonly VaccineValueSet[];
  /** Extra brands added by the integrator; they take precedence over the value sets. */
  readonly extraEntries?: readonly VaccineEntry[];
}

/** Brand lookup over one or more value sets. */
export interface VaccineCatalog {
  /** Identifiers and versions of the value sets in use, for audit logs. */
  readonly sources: readonly { readonly id: string; readonly version: string }[];
  /** Returns the entry for a brand name (case-insensitive), or `undefined`. */
  find(name: string): VaccineEntry | undefined;
  /** Returns every brand name in the catalog. */
  names(): string[];
}

function brandKey(name: string): string {
  return name.normalize('NFC').trim().toLowerCase();
}

/**
 * Creates a vaccine catalog from the bundled value set, further value sets and extra entries.
 *
 * @example
 * const catalog = createVaccineCatalog({
 *   extraEntries: [{ name: 'Nuvaxovid', manufacturer: 'Novavax', prophylaxis: 'COVID-19 vaccine,
 *     virus protein subunit', icd11Code: 'XM5JC5', primaryDoses: 2 }],
 * });
 * catalog.find('covishield')?.icd11Code; // 'XM9QW8'
 */
export function createVaccineCatalog(options: VaccineCatalogOptions = {}): VaccineCatalog {
  const valueSets = options.valueSets ?? [covid19Vaccines];
  const byKey = new Map<string, VaccineEntry>();
  for (const set of valueSets) {
    for (const entry of set.entries) byKey.set(brandKey(entry.name), entry);
  }
  for (const entry of options.extraEntries ?? []) byKey.set(brandKey(entry.name), entry);

  const sources = valueSets.map(({ id, version }) => ({ id, version }));
  return {
    sources,
    find: (name) => byKey.get(brandKey(name)),
    names: () => [...byKey.values()].map((entry) => entry.name),
  };
}
