// Danish texts for data protection: the answer to a tenant the bot does not serve, and the admin's
// export and erasure of one person's data. Every key is also in privacy-en.ts.

export const privacyDa = {
  'privacy.foreignTenant':
    'Kerneopgave-botten er ikke sat op til jeres organisation, så den kan ikke hjælpe her, og den gemmer intet om jer. Kontakt jeres IT-afdeling, hvis I mener, den burde være det.',
};

export type PrivacyTextKey = keyof typeof privacyDa;
