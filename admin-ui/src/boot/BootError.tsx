import { describeBootError } from './describeBootError';

/**
 * Shown when the app cannot start (public config or Keycloak unavailable).
 * Rendered outside react-admin, so it carries its own bilingual text.
 */
export function BootError({ error }: { error: unknown }) {
  const message = describeBootError(error);
  return (
    <div role="alert" style={{ padding: 48, maxWidth: 720 }}>
      <h1 style={{ fontSize: 22 }}>无法启动智能稽查 / jicha could not start</h1>
      <p>
        请稍后重试；如果问题持续，请联系系统管理员。
        <br />
        Please retry later; if the problem persists, contact your administrator.
      </p>
      <pre style={{ whiteSpace: 'pre-wrap', background: '#f5f5f5', padding: 12 }}>{message}</pre>
      <button type="button" onClick={() => window.location.reload()}>
        重试 / Retry
      </button>
    </div>
  );
}
