import { describe, expect, it } from 'vitest';

import { covid19Vaccines, createVaccineCatalog } from '@vaxcert/schemas';

describe('vaccine value set', () => {
  it.each([
    ['COVISHIELD', 'XM9QW8', 'COVID-19 vaccine, non-replicating viral vector'],
    ['COVAXIN', 'XM1NL1', 'COVID-19 vaccine, inactivated virus'],
    ['CORBEVAX', 'XM5JC5', 'COVID-19 vaccine, virus protein subunit'],
    ['COVOVAX', 'XM5JC5', 'COVID-19 vaccine, virus protein subunit'],
    ['ZyCoV-D', 'XM6AT1', 'COVID-19 vaccine, DNA based'],
    ['Sputnik V', 'XM9QW8', 'COVID-19 vaccine, non-replicating viral vector'],
    ['Comirnaty', 'XM0GQ8', 'COVID-19 vaccine, mRNA based'],
    ['Spikevax', 'XM0GQ8', 'COVID-19 vaccine, mRNA based'],
    ['Janssen', 'XM0CX4', 'COVID-19 vaccine, non-replicating viral vector'],
  ])('maps %s to ICD-11 %s', (brand, code, prophylaxis) => {
    const entry = createVaccineCatalog().find(brand);
    expect(entry?.icd11Code).toBe(code);
    expect(entry?.prophylaxis).toBe(prophylaxis);
  });

  it('is versioned', () => {
    expect(covid19Vaccines).toMatchObject({ id: 'covid-19-vaccines', version: '1.0.0' });
    expect(createVaccineCatalog().sources).toEqual([{ id: 'covid-19-vaccines', version: '1.0.0' }]);
  });

  it('finds brands whatever their case and spacing', () => {
    expect(createVaccineCatalog().find('  covishield ')?.name).toBe('COVISHIELD');
  });

  it('returns undefined for an unknown brand', () => {
    expect(createVaccineCatalog().find('Unknown')).toBeUndefined();
  });

  it('takes extra brands from the integrator, ahead of the bundled ones', () => {
    const catalog = createVaccineCatalog({
      extraEntries: [
        { name: 'Nuvaxovid', manufacturer: 'Novavax', prophylaxis: 'COVID-19 vaccine, virus protein subunit', icd11Code: 'XM5JC5', primaryDoses: 2 },
        { name: 'COVAXIN', manufacturer: 'Bharat Biotech International', prophylaxis: 'COVID-19 vaccine, inactivated virus', icd11Code: 'XM1NL1', primaryDoses: 2 },
      ],
    });
    expect(catalog.find('nuvaxovid')?.manufacturer).toBe('Novavax');
    expect(catalog.find('COVAXIN')?.manufacturer).toBe('Bharat Biotech International');
    expect(catalog.names()).toHaveLength(covid19Vaccines.entries.length + 1);
  });
});
