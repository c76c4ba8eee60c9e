/**
 * The vaxcert vaccination context, version 1, as published at `https://w3id.org/vaxcert/v1`
 * and shipped as `contexts/vaccination-v1.jsonld` (a test keeps the two identical).
 *
 * Every term is `@protected` and maps to its own IRI, and every node type carries a
 * type-scoped context, so no value can be moved to another field, or a field to another
 * node, without changing the canonical RDF and so the signature. A published version never
 * changes: a new term means a new context URL.
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
      "@id": "https://schema.org/Person",
      "@context": {
        "@version": 1.1,
        "@protected": true,
        "id": "@id",
        "type": "@type",
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
        }
      }
    },
    "Vaccination": {
      "@id": "https://w3id.org/vaxcert/vocab#Vaccination",
      "@context": {
        "@version": 1.1,
        "@protected": true,
        "id": "@id",
        "type": "@type",
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
        }
      }
    },
    "Vaccinator": {
      "@id": "https://w3id.org/vaxcert/vocab#Vaccinator",
      "@context": {
        "@version": 1.1,
        "@protected": true,
        "id": "@id",
        "type": "@type",
        "identifier": "https://schema.org/identifier"
      }
    },
    "Facility": {
      "@id": "https://w3id.org/vaxcert/vocab#Facility",
      "@context": {
        "@version": 1.1,
        "@protected": true,
        "id": "@id",
        "type": "@type",
        "identifier": "https://schema.org/identifier",
        "address": {
          "@id": "https://schema.org/address",
          "@type": "@id"
        }
      }
    },
    "PostalAddress": {
      "@id": "https://schema.org/PostalAddress",
      "@context": {
        "@version": 1.1,
        "@protected": true,
        "id": "@id",
        "type": "@type",
        "addressLine1": "https://schema.org/streetAddress",
        "addressLine2": "https://w3id.org/vaxcert/vocab#addressLine2",
        "district": "https://w3id.org/vaxcert/vocab#district",
        "city": "https://schema.org/addressLocality",
        "state": "https://schema.org/addressRegion",
        "pincode": "https://schema.org/postalCode"
      }
    }
  }
} as const;
