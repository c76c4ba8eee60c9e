/**
 * The vaxcert vaccination context, version 1, as published at `https://w3id.org/vaxcert/v1`
 * and shipped as `contexts/vaccination-v1.jsonld` (a test keeps the two identical).
 *
 * Every term is `@protected` and maps to its own IRI, so no value can be moved to another
 * field without changing the canonical RDF and so the signature. The terms sit at the top
 * level rather than in type-scoped contexts: JSON-LD processors copy the active context for
 * every type-scoped context, which made verification about 0.7 ms slower per credential.
 * Which fields each node may carry is fixed by the credential's JSON Schema instead. A
 * published version never changes: a new term means a new context URL.
 */
export const vaccinationContextV1 = {
  "@context": {
    "@version": 1.1,
    "@protected": true,
    "id": "@id",
    "type": "@type",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "VaccinationCertificate": {
      "@id": "https://w3id.org/vaxcert/vocab#VaccinationCertificate"
    },
    "Person": {
      "@id": "https://schema.org/Person"
    },
    "Vaccination": {
      "@id": "https://w3id.org/vaxcert/vocab#Vaccination"
    },
    "Vaccinator": {
      "@id": "https://w3id.org/vaxcert/vocab#Vaccinator"
    },
    "Facility": {
      "@id": "https://w3id.org/vaxcert/vocab#Facility"
    },
    "PostalAddress": {
      "@id": "https://schema.org/PostalAddress"
    },
    "beneficiaryId": "https://w3id.org/vaxcert/vocab#beneficiaryId",
    "age": {
      "@id": "https://w3id.org/vaxcert/vocab#ageAtVaccination",
      "@type": "xsd:integer"
    },
    "birthDate": {
      "@id": "https://schema.org/birthDate",
      "@type": "xsd:date"
    },
    "gender": "https://schema.org/gender",
    "nationality": "https://schema.org/nationality",
    "identity": "https://w3id.org/vaxcert/vocab#identityDocument",
    "address": {
      "@id": "https://schema.org/address",
      "@type": "@id"
    },
    "vaccine": "https://w3id.org/vaxcert/vocab#vaccineBrand",
    "icd11Code": "https://w3id.org/vaxcert/vocab#icd11Code",
    "prophylaxis": "https://w3id.org/vaxcert/vocab#prophylaxis",
    "manufacturer": "https://schema.org/manufacturer",
    "batch": "https://w3id.org/vaxcert/vocab#batchNumber",
    "date": {
      "@id": "https://w3id.org/vaxcert/vocab#vaccinationDate",
      "@type": "xsd:dateTime"
    },
    "effectiveStart": {
      "@id": "https://w3id.org/vaxcert/vocab#effectiveStart",
      "@type": "xsd:date"
    },
    "effectiveUntil": {
      "@id": "https://w3id.org/vaxcert/vocab#effectiveUntil",
      "@type": "xsd:date"
    },
    "dose": {
      "@id": "https://w3id.org/vaxcert/vocab#doseNumber",
      "@type": "xsd:integer"
    },
    "totalDoses": {
      "@id": "https://w3id.org/vaxcert/vocab#totalDoses",
      "@type": "xsd:integer"
    },
    "certificateKind": "https://w3id.org/vaxcert/vocab#certificateKind",
    "country": "https://w3id.org/vaxcert/vocab#countryOfVaccination",
    "previousCertificateId": {
      "@id": "https://w3id.org/vaxcert/vocab#previousCertificateId",
      "@type": "@id"
    },
    "vaccinator": {
      "@id": "https://w3id.org/vaxcert/vocab#vaccinator",
      "@type": "@id"
    },
    "facility": {
      "@id": "https://w3id.org/vaxcert/vocab#facility",
      "@type": "@id"
    },
    "identifier": "https://schema.org/identifier",
    "addressLine1": "https://schema.org/streetAddress",
    "addressLine2": "https://w3id.org/vaxcert/vocab#addressLine2",
    "district": "https://w3id.org/vaxcert/vocab#district",
    "city": "https://schema.org/addressLocality",
    "state": "https://schema.org/addressRegion",
    "pincode": "https://schema.org/postalCode"
  }
} as const;
