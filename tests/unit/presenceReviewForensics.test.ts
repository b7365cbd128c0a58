import { readForensics } from '../../services/cases/presenceReviews';

// The review page reads what evidence forensics stored on an upload ({ detectedType, reasons, exif } | null). Uploads
// confirmed before forensics have none; a reason may be stored as a code or as a reason with its params.

test('no forensics (older uploads, or not examined): null, no reasons', () => {
  expect(readForensics(undefined)).toEqual({ forensics: null, reasons: [] });
  expect(readForensics(null)).toEqual({ forensics: null, reasons: [] });
  expect(readForensics('garbage')).toEqual({ forensics: null, reasons: [] });
});

test('detected type, EXIF and reasons given as codes or with params; unknown codes are left out', () => {
  const r = readForensics({
    detectedType: 'image/jpeg',
    exif: { takenAt: '2025-03-01T08:00:00Z', lat: 29.8, lon: 114.3, make: 'HUAWEI', model: 'P60' },
    reasons: [
      'evidence.exif-time-mismatch',
      { code: 'evidence.far-from-customer', severity: 'strong', params: { distanceM: 35000, limitM: 500 } },
      'evidence.made-up',
      { code: 'nope' },
    ],
  });
  expect(r.forensics).toEqual({ detectedType: 'image/jpeg', exif: { takenAt: '2025-03-01T08:00:00Z', lat: 29.8, lon: 114.3, make: 'HUAWEI', model: 'P60' } });
  expect(r.reasons).toEqual([
    { code: 'evidence.exif-time-mismatch', severity: 'strong', params: {} },
    { code: 'evidence.far-from-customer', severity: 'strong', params: { distanceM: 35000, limitM: 500 } },
  ]);
});

test('a photo without EXIF: exif null; fields the forensics leave out are null', () => {
  expect(readForensics({ detectedType: 'image/png', exif: null, reasons: ['evidence.exif-missing'] })).toEqual({
    forensics: { detectedType: 'image/png', exif: null },
    reasons: [{ code: 'evidence.exif-missing', severity: 'minor', params: {} }],
  });
  expect(readForensics({ exif: { takenAt: '2025-03-01T08:00:00Z' } }).forensics).toEqual({
    detectedType: null, exif: { takenAt: '2025-03-01T08:00:00Z', lat: null, lon: null, make: null, model: null },
  });
});
