import { MobileValues } from "./values";

/** The same values as plain JSON, for scripts and CI; `placeholders` lists what is still to set. */
export function renderMobileJson(values: MobileValues): string {
  const document = {
    redirectURL: values.redirectURL,
    redirectHost: values.redirectHost,
    alexaAccessTokenURL: values.alexaAccessTokenURL,
    alexaRMClientId: values.alexaRMClientId,
    skillId: values.skillId,
    skillStage: values.skillStage,
    alexaClientId: values.alexaClientId,
    alexaClientSecret: values.alexaClientSecret,
    placeholders: values.placeholders,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
