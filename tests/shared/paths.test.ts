import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { outFolder } from "../../packages/alexa-linking-component/src/shared/paths";

describe("outFolder", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "out-folder-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("a path through a file: the option, the path, the system's code and the fix", () => {
    const file = path.join(dir, "file");
    fs.writeFileSync(file, "");
    expect(() => outFolder(path.join(file, "out"), "--out")).toThrow(
      new RegExp(`^--out ${path.join(file, "out").replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: ENOTDIR\\. Fix: a part of the path is a file`),
    );
  });

  test("a folder that can be made is made", () => {
    expect(outFolder(path.join(dir, "a", "b")).real).toBe(fs.realpathSync(path.join(dir, "a", "b")));
  });
});
