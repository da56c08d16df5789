export * from "./placeholders";
export { parseStackOutputs, type MobileStackOutputs } from "../stackOutputs";
export * from "./values";
export * from "./ios";
export * from "./android";
export * from "./json";
export * from "./plistLib";
export * from "./formats";
export * from "./secureWrite";
