// Old path, kept for stack state: providers serialized by 0.1.0 and 0.2.0 (up to c5e5485) require dist/alexa/provider.js for skillLinkingId.
export { skillLinkingId } from "../providers/skillAccountLinking";
