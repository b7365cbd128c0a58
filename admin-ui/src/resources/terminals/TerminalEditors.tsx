import { Create, Edit, maxLength, regex, required, SelectInput, SimpleForm, TextInput } from 'react-admin';
import { contentChoices, TERMINAL_PLATFORMS } from '../content/contentEnums';

const platformChoices = contentChoices('terminals', 'platform', TERMINAL_PLATFORMS);
const validateId = [required(), regex(/^[A-Za-z0-9._:-]{4,100}$/, 'resources.terminals.validation.id')];

interface PublicKeyJwk { kty: 'EC'; crv: 'P-256'; x: string; y: string }
const COORDINATE = /^[A-Za-z0-9_-]{43}$/;

/** The pasted public key (JWK text): its identifying members, or null when it is no ECDSA P-256 public key. */
export function parsePublicKeyJwk(text: string): PublicKeyJwk | null {
  try {
    const k = JSON.parse(text) as Record<string, unknown>;
    if (k?.kty !== 'EC' || k.crv !== 'P-256' || 'd' in k || typeof k.x !== 'string' || typeof k.y !== 'string' || !COORDINATE.test(k.x) || !COORDINATE.test(k.y)) return null;
    return { kty: 'EC', crv: 'P-256', x: k.x, y: k.y };
  } catch {
    return null;
  }
}

const validatePublicKey = (v: unknown) => (typeof v === 'string' && v.trim() && !parsePublicKeyJwk(v.trim()) ? 'resources.terminals.validation.publicKeyJwk' : undefined);

/**
 * The form's values as POST/PUT /api/terminals takes them; the id (the device's identity) and its public key (when
 * pasted) only on create.
 */
export function toTerminalInput(v: Record<string, unknown>, { withId }: { withId: boolean }) {
  const text = (k: string) => (typeof v[k] === 'string' ? (v[k] as string).trim() : '');
  const key = withId && text('publicKeyJwk') ? parsePublicKeyJwk(text('publicKeyJwk')) : null;
  return { ...(withId ? { id: text('id') } : {}), label: text('label'), platform: text('platform'), model: text('model') || null, ...(key ? { publicKeyJwk: key } : {}) };
}

function Fields() {
  return (
    <>
      <TextInput source="label" validate={[required(), maxLength(100)]} />
      <SelectInput source="platform" choices={platformChoices} validate={required()} />
      <TextInput source="model" validate={maxLength(100)} />
    </>
  );
}

export function TerminalCreate() {
  return (
    <Create redirect="show" transform={(v: Record<string, unknown>) => toTerminalInput(v, { withId: true })}>
      <SimpleForm defaultValues={{ platform: 'android' }}>
        <TextInput source="id" validate={validateId} helperText="resources.terminals.helpers.id" slotProps={{ htmlInput: { autoComplete: 'off' } }} />
        <Fields />
        {/* Binding needs the key, which signs every request of the terminal; a terminal that registers itself brings it. */}
        <TextInput source="publicKeyJwk" multiline minRows={3} fullWidth validate={validatePublicKey} helperText="resources.terminals.helpers.publicKeyJwk" slotProps={{ htmlInput: { autoComplete: 'off', spellCheck: false } }} />
      </SimpleForm>
    </Create>
  );
}

export function TerminalEdit() {
  return (
    <Edit redirect="show" mutationMode="pessimistic" transform={(v: Record<string, unknown>) => toTerminalInput(v, { withId: false })}>
      <SimpleForm>
        <TextInput source="id" disabled />
        <Fields />
      </SimpleForm>
    </Edit>
  );
}
