import { useState, type ReactNode } from 'react';
import { OutboxPanel } from '../../outbox/OutboxPanel';
import { stopOutbox } from '../../outbox/runtime';
import { useApp } from '../../AppContext';
import { useI18n, type Lang } from '../../i18n';
import { useLoad, useOnline } from '../../hooks';
import { usePendingCount } from '../../outbox';
import { href } from '../../router';
import { Button, Page } from '../../ui/ui';
import { Fields, Segmented } from '../customers/parts';
import { APP_VERSION } from './appVersion';
import { boundFromMe } from '../../device/registration';

// 我的: who I am, this terminal's code (what the admin binds), language, what is waiting to be sent, version, logout.
// Logging out with steps or evidence not yet sent warns first: they stay on this device but cannot be sent until
// someone logs in again.

const ROLES = ['inspector', 'station_lead', 'supervisor', 'manager', 'admin'] as const;

export function MePage() {
  const { t, lang, setLang } = useI18n();
  const { api, session, config, deviceId } = useApp();
  const online = useOnline();
  const pending = usePendingCount();
  const [confirming, setConfirming] = useState(false);
  const [leaving, setLeaving] = useState(false);
  // The server's view (fresh name and roles, and whether this device is bound to me); the token's when offline.
  const me = useLoad(async () => {
    const r = await api.GET('/mobile/v1/me');
    return r.data ?? null;
  }, [api]);
  const server = me.state === 'ok' ? me.data : null;
  const name = server?.name ?? session.identity.name;
  const username = server?.username ?? session.identity.username;
  const unit = server?.orgUnit ?? session.identity.orgUnit;
  const roles = (server?.roles ?? session.identity.roles).filter((r): r is (typeof ROLES)[number] => (ROLES as readonly string[]).includes(r));
  const bound = server ? boundFromMe(server) : null;

  async function logout() {
    setLeaving(true);
    try {
      // stop sending first: queued items stay stored under this user and go out at their next login
      stopOutbox();
      await session.logout();
    } finally {
      setLeaving(false);
    }
  }

  return (
    <Page title={t('nav.more')}>
      <section className="card" data-testid="me-identity">
        <h2>{name || username}</h2>
        <Fields rows={[
          [t('content.me.username'), <span className="mono">{username}</span>],
          [t('content.me.unit'), unit ? <span className="mono">{unit}</span> : '—'],
          [t('content.me.roles'), roles.length ? roles.map((r) => <span key={r} className="tag">{t(`content.role.${r}`)}</span>) : '—'],
        ]} />
        {!server && (me.state === 'error' || session.offline || !online) ? <p className="hint">{t('content.me.fromToken')}</p> : null}
      </section>

      <section className="card">
        <h2>{t('content.me.device')}</h2>
        <div className="device-code mono" data-testid="me-device-id">{deviceId}</div>
        {bound === true ? <p className="ok-box" style={{ margin: 0 }}>{t('content.me.bound')}</p> : null}
        {bound === false ? <p className="warn-box" style={{ margin: 0 }}>{t('content.me.notBound')}</p> : null}
      </section>

      <section className="card">
        <h2>{t('content.me.language')}</h2>
        <Segmented<Lang>
          label={t('content.me.language')}
          value={lang}
          onChange={setLang}
          options={[{ value: 'zh-CN', label: '简体中文' }, { value: 'en', label: 'English' }]}
          testId="me-lang"
        />
      </section>

      <section className="card" data-testid="me-outbox">
        <h2>{t('content.me.outbox')}</h2>
        <p data-testid="me-pending">{pending > 0 ? t('content.me.pending', { n: pending }) : t('content.me.nothingPending')}</p>
        <OutboxPanel />
      </section>

      <section className="card">
        <h2>{t('content.me.help')}</h2>
        <div className="btn-row">
          <a className="btn btn-secondary" href={href('/feedback')}>{t('content.tab.feedback')}</a>
          <a className="btn btn-secondary" href={href('/consultations')}>{t('content.tab.consultations')}</a>
        </div>
        <Fields rows={[
          [t('content.me.appVersion'), <span className="mono" data-testid="me-version">{APP_VERSION}</span>],
          ...(config.version ? [[t('content.me.serverVersion'), <span className="mono">{config.version}</span>] as [string, ReactNode]] : []),
        ]} />
      </section>

      {confirming ? (
        <div className="warn-box" role="alertdialog" aria-labelledby="logout-warning" data-testid="me-logout-confirm">
          <p id="logout-warning" style={{ marginTop: 0, fontWeight: 700 }}>{t('content.me.logoutPending', { n: pending })}</p>
          <div className="btn-row">
            <Button kind="secondary" onClick={() => setConfirming(false)} testId="me-logout-cancel">{t('content.me.stay')}</Button>
            <Button kind="danger" onClick={() => void logout()} disabled={leaving} testId="me-logout-anyway">{t('content.me.logoutAnyway')}</Button>
          </div>
        </div>
      ) : null}
      <div className="btn-row">
        <Button kind="danger" onClick={() => (pending > 0 ? setConfirming(true) : void logout())} disabled={leaving || confirming} testId="me-logout">
          {t('auth.logout')}
        </Button>
      </div>
    </Page>
  );
}
