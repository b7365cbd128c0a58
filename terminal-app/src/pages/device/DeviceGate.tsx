import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { renderSVG } from 'uqr';
import { useApp } from '../../AppContext';
import { useI18n } from '../../i18n';
import { Button, ErrorBox, Loading, Page, errorText } from '../../ui/ui';
import { isProofRefusal, onDeviceRefused } from '../../api/client';
import { ensureDeviceIdentity, resetDeviceIdentity } from '../../device/identity';
import { checkDevice, knownBound, type DeviceState } from '../../device/registration';

/** While the terminal waits for its binding (or belongs to someone else), it asks again this often. */
export const POLL_MS = 15_000;

/**
 * A call refused with `device.not-bound` (an administrator unbound or rebound this terminal while it was in use) sends
 * the gate back to checking — at most this often, so that a server answering /me and the other routes differently
 * cannot make the app flicker between the two.
 */
export const RECHECK_AFTER_REFUSAL_MS = 10_000;

type GateState = DeviceState | { kind: 'checking' };

/**
 * The app only for a terminal bound to the signed-in person. Until an administrator binds it: a full page saying
 * 等待管理员绑定终端, with the device code large enough to read across a desk and as a QR code, who to ask, and a
 * refresh (also every 15 s). A terminal known to be bound here opens at once, offline too, and is checked meanwhile.
 */
export function DeviceGate({ children }: { children: ReactNode }) {
  const { api, session, deviceId } = useApp();
  const who = useMemo(() => ({ username: session.identity.username, name: session.identity.name }), [session.identity.username, session.identity.name]);
  const [state, setState] = useState<GateState>(() => (knownBound(deviceId, who.username) ? { kind: 'bound', offline: true } : { kind: 'checking' }));
  const [checkedAt, setCheckedAt] = useState<Date | null>(null);
  const [busy, setBusy] = useState(false);
  const live = useRef(true);
  const lastCheck = useRef(0);

  const check = useCallback(async () => {
    setBusy(true);
    lastCheck.current = Date.now();
    try {
      const identity = await ensureDeviceIdentity();
      const next = await checkDevice({ api, identity, who });
      if (!live.current) return;
      // Known bound and merely unreachable now: keep working on what is on the device.
      setState((prev) => (prev.kind === 'bound' && next.kind === 'unreachable' ? { kind: 'bound', offline: true } : next));
      setCheckedAt(new Date());
    } finally {
      if (live.current) setBusy(false);
    }
  }, [api, who]);

  useEffect(() => {
    live.current = true;
    void check();
    const again = () => void check();
    window.addEventListener('online', again);
    return () => {
      live.current = false;
      window.removeEventListener('online', again);
    };
  }, [check]);

  // Unbound while working: the binding screen replaces the page (what was queued stays in the outbox).
  useEffect(() => onDeviceRefused(() => {
    if (Date.now() - lastCheck.current < RECHECK_AFTER_REFUSAL_MS) return;
    setState((prev) => (prev.kind === 'bound' ? { kind: 'checking' } : prev));
    void check();
  }), [check]);

  const waiting = state.kind !== 'bound' && state.kind !== 'checking';
  useEffect(() => {
    if (!waiting) return;
    const timer = window.setInterval(() => void check(), POLL_MS);
    return () => window.clearInterval(timer);
  }, [waiting, check]);

  if (state.kind === 'bound') return <>{children}</>;
  if (state.kind === 'checking') return <Loading />;
  return <Waiting state={state} deviceId={deviceId} who={who} orgUnit={session.identity.orgUnit} busy={busy} checkedAt={checkedAt} onRefresh={check} onLogout={() => void session.logout()} />;
}

function Waiting({ state, deviceId, who, orgUnit, busy, checkedAt, onRefresh, onLogout }: {
  state: Exclude<DeviceState, { kind: 'bound' }>;
  deviceId: string;
  who: { username: string; name: string };
  orgUnit: string | null;
  busy: boolean;
  checkedAt: Date | null;
  onRefresh: () => void;
  onLogout: () => void;
}) {
  const { t } = useI18n();
  const [confirmReset, setConfirmReset] = useState(false);
  const title = {
    waiting: 'device.waiting.title', other: 'device.other.title', refused: 'device.refused.title', unproven: 'device.unproven.title', unreachable: 'device.unreachable.title',
  }[state.kind === 'refused' && isProofRefusal(state.error) ? 'unproven' : state.kind];
  const reset = async () => {
    await resetDeviceIdentity();
    window.location.reload();
  };
  return (
    <Page title={t(title)}>
      <div data-testid="device-gate" data-state={state.kind}>
        {state.kind === 'waiting' ? <p>{t('device.waiting.text', { name: who.name || who.username })}</p> : null}
        {state.kind === 'other' ? <p className="error-box" role="alert">{t('device.other.text', { user: state.boundUser, me: who.username })}</p> : null}
        {state.kind === 'refused' ? <ErrorBox error={state.error} /> : null}
        {state.kind === 'unproven' ? <p className="error-box" role="alert">{t('device.unproven.text')}</p> : null}
        {state.kind === 'unreachable' ? <p className="error-box" role="alert">{t('device.unreachable.text')}<br />{errorText(state.error, t)}</p> : null}

        <DeviceCode deviceId={deviceId} />

        <div className="card">
          <h2>{t('device.ask.title')}</h2>
          <p>{t('device.ask.text', { org: orgUnit ?? '—' })}</p>
          <p className="muted">{t('device.ask.steps')}</p>
        </div>
        <p className="muted" role="status">
          {busy ? t('device.checking') : checkedAt ? t('device.checkedAt', { time: checkedAt.toLocaleTimeString('zh-CN', { hour12: false }), seconds: POLL_MS / 1000 }) : null}
        </p>
        <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
          <Button onClick={onRefresh} disabled={busy} testId="device-refresh">{t('device.refresh')}</Button>
          {state.kind === 'other' ? <Button kind="secondary" onClick={onLogout}>{t('auth.logout')}</Button> : null}
          {(state.kind === 'refused' || state.kind === 'unproven') && !confirmReset ? <Button kind="secondary" onClick={() => setConfirmReset(true)} testId="device-reset">{t('device.reset')}</Button> : null}
          {confirmReset ? (
            <div className="card" role="alertdialog" aria-label={t('device.reset')}>
              <p>{t('device.reset.confirm')}</p>
              <div style={{ display: 'flex', gap: 8 }}>
                <Button kind="danger" onClick={() => void reset()} testId="device-reset-confirm">{t('device.reset')}</Button>
                <Button kind="secondary" onClick={() => setConfirmReset(false)}>{t('common.cancel')}</Button>
              </div>
            </div>
          ) : null}
        </div>
      </div>
    </Page>
  );
}

/** The code in large letters (read aloud, typed by the admin) and as a QR code of the same text (scanned by a phone). */
export function DeviceCode({ deviceId }: { deviceId: string }) {
  const { t } = useI18n();
  // An <img> of an SVG data URL: no markup of ours is injected into the page, and the CSP allows data: images.
  const qr = useMemo(() => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(renderSVG(deviceId, { ecc: 'M', border: 2, pixelSize: 8 }))}`, [deviceId]);
  return (
    <div className="card" style={{ textAlign: 'center' }}>
      <p className="muted" style={{ margin: 0 }}>{t('device.code')}</p>
      <p data-testid="device-code" style={{ fontSize: 34, fontWeight: 800, letterSpacing: 2, fontFamily: 'ui-monospace, Menlo, Consolas, monospace', margin: '6px 0 10px', wordBreak: 'break-all' }}>
        {deviceId}
      </p>
      <img src={qr} alt={t('device.qrAlt', { code: deviceId })} data-testid="device-qr" style={{ width: 220, height: 220, maxWidth: '70vw', maxHeight: '70vw', imageRendering: 'pixelated' }} />
    </div>
  );
}
