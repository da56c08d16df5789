export * from "./placeholders";
export * from "./stackOutputs";
export * from "./values";
export * from "./ios";
export * from "./android";
export * from "./json";
export * from "./plistLib";
