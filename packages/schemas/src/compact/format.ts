/**
 * Prefix of a compact vaxcert QR payload, format version 1: the credential as compact CBOR,
 * compressed with raw DEFLATE (RFC 1951) against {@link getCompactDictionary}, in base45.
 * The digit names the tables and the dictionary together; changing either needs a new one.
 */
export const QR_PREFIX_COMPACT = 'VCC1:';

/**
 * Words of the preset DEFLATE dictionary of format version 1, in dictionary order. Only
 * vocabulary is listed, never data about people: facility types of India's public health
 * system, address words, and the domain suffix of Indian government sites. DEFLATE
 * reaches the end of the dictionary with the shortest distances, so frequent words are last.
 */
const DICTIONARY_WORDS = [
  'Taluk',
  'Tehsil',
  'Mandal',
  'Village',
  'Post',
  'Near ',
  'Opposite ',
  'Apartments',
  'Block',
  'Phase',
  'Layout',
  'Lane',
  'Marg',
  'Bazar',
  'Market',
  'Station',
  'Temple',
  'Lake',
  'View',
  'Lines',
  'Civil',
  'Main',
  'Cross, ',
  'Street',
  'Colony',
  'Nagar',
  'Road',
  'Sector ',
  'Metropolitan',
  'Rural',
  'Urban',
  'Medical College',
  'Government ',
  'General Hospital',
  'Civil Hospital',
  'Sub Divisional Hospital',
  'Community Health Centre',
  'Primary Health Centre',
  'Health and Wellness Centre',
  '.gov.in',
  'UPHC ',
  'Sub Centre ',
  'Urban PHC ',
  'District Hospital ',
  'CHC ',
  'PHC ',
] as const;

const DICTIONARY_BYTES = new TextEncoder().encode(DICTIONARY_WORDS.join(''));

/**
 * Returns the preset DEFLATE dictionary of format version 1: the words above, concatenated,
 * as ASCII bytes. Each call returns a new copy, so callers cannot change the shared one.
 */
export function getCompactDictionary(): Uint8Array {
  return DICTIONARY_BYTES.slice();
}
