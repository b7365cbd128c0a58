/** Absolute URL of the app root (the bundle is served at base `/`), e.g. http://host:3000/ */
export function appBaseUrl(): string {
  return new URL(import.meta.env.BASE_URL, window.location.origin).toString();
}
