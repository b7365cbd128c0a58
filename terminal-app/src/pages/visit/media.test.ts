import { describe, expect, it } from 'vitest';
import { ACCEPTED_TYPES, acceptedType, baseType, fitWithin, formatDuration, pickRecorderType } from './media';

describe('recording formats', () => {
  it('declares the bare media type the API compares against its list', () => {
    expect(baseType('audio/webm;codecs=opus')).toBe('audio/webm');
    expect(baseType(' Video/WebM ; codecs="vp8, opus"')).toBe('video/webm');
    // The UploadRequest pattern (type/subtype, no parameters) holds for every accepted type.
    for (const list of Object.values(ACCEPTED_TYPES)) for (const t of list) expect(t).toMatch(/^[a-z]+\/[a-z0-9.+-]+$/);
  });

  it('accepts only what the evidence policy lists for the kind', () => {
    expect(acceptedType('audio', 'audio/webm;codecs=opus')).toBe('audio/webm');
    expect(acceptedType('video', 'video/x-matroska;codecs=avc1')).toBeNull(); // Chrome's MKV: refused by the API
    expect(acceptedType('photo', 'image/gif')).toBeNull();
    expect(acceptedType('audio', 'video/webm')).toBeNull(); // right type, wrong kind
  });

  it('picks WebM/Opus on Chromium and MP4 on Safari, and nothing when no accepted format records', () => {
    const chromium = new Set(['audio/webm;codecs=opus', 'audio/webm', 'video/webm;codecs=vp8,opus', 'video/webm']);
    expect(pickRecorderType('audio', (m) => chromium.has(m))).toEqual({ recorderType: 'audio/webm;codecs=opus', contentType: 'audio/webm' });
    expect(pickRecorderType('video', (m) => chromium.has(m))).toEqual({ recorderType: 'video/webm;codecs=vp8,opus', contentType: 'video/webm' });
    const safari = new Set(['audio/mp4', 'video/mp4']);
    expect(pickRecorderType('audio', (m) => safari.has(m))).toEqual({ recorderType: 'audio/mp4', contentType: 'audio/mp4' });
    expect(pickRecorderType('video', (m) => safari.has(m))?.contentType).toBe('video/mp4');
    expect(pickRecorderType('video', () => false)).toBeNull();
    // isTypeSupported throwing (old WebViews) counts as unsupported.
    expect(pickRecorderType('audio', () => { throw new Error('nope'); })).toBeNull();
  });
});

describe('sizes and times', () => {
  it('fits a frame within the longest side, never enlarging it', () => {
    expect(fitWithin(4000, 3000, 2560)).toEqual({ width: 2560, height: 1920 });
    expect(fitWithin(1080, 1920, 2560)).toEqual({ width: 1080, height: 1920 });
    expect(fitWithin(0, 100, 2560)).toEqual({ width: 0, height: 0 });
  });

  it('shows a duration as mm:ss', () => {
    expect(formatDuration(65_400)).toBe('01:05');
  });
});
