import * as ts from "typescript";

/** The input properties of a Pulumi resource's Args interface, as a tree (from the installed .d.ts). */
export interface PulumiProperty {
  name: string;
  /** True when the value is a list (the plan paths then carry `[*]`). */
  array: boolean;
  /** Properties of an object value; undefined for scalars and string maps. */
  children?: PulumiProperty[];
}

/** Reads `<argsInterface>` from a .d.ts file of an installed Pulumi package. */
export function readArgsInterface(dtsFile: string, argsInterface: string): PulumiProperty[] {
  const program = ts.createProgram([dtsFile], { strict: true, noEmit: true, skipLibCheck: true });
  const checker = program.getTypeChecker();
  const file = program.getSourceFile(dtsFile);
  if (!file) throw new Error(`cannot read ${dtsFile}`);
  const declaration = file.statements.find(
    (statement): statement is ts.InterfaceDeclaration =>
      ts.isInterfaceDeclaration(statement) && statement.name.text === argsInterface,
  );
  if (!declaration) throw new Error(`${argsInterface} not found in ${dtsFile}`);
  return propertiesOf(checker, checker.getTypeAtLocation(declaration), 0);
}

function propertiesOf(checker: ts.TypeChecker, type: ts.Type, depth: number): PulumiProperty[] {
  return checker.getPropertiesOfType(type).map((symbol) => {
    const declared = symbol.valueDeclaration ?? symbol.declarations?.[0];
    const propertyType = declared
      ? checker.getTypeOfSymbolAtLocation(symbol, declared)
      : checker.getDeclaredTypeOfSymbol(symbol);
    const { value, array } = unwrap(checker, propertyType);
    const property: PulumiProperty = { name: symbol.name, array };
    if (value && isRecord(checker, value) && depth < 12) {
      property.children = propertiesOf(checker, value, depth + 1);
    }
    return property;
  });
}

/** `pulumi.Input<T[]>` and friends down to the object (or scalar) type `T`. */
function unwrap(checker: ts.TypeChecker, type: ts.Type): { value?: ts.Type; array: boolean } {
  let array = false;
  let current: ts.Type | undefined = type;
  for (let step = 0; current && step < 8; step++) {
    const candidates: ts.Type[] = current.isUnion() ? current.types : [current];
    const plain = candidates.filter((t) => !isWrapper(t) && !(t.flags & ts.TypeFlags.Undefined));
    const list = plain.find((t) => checker.isArrayType(t));
    if (list) {
      array = true;
      current = checker.getTypeArguments(list as ts.TypeReference)[0];
      continue;
    }
    return { value: plain.find((t) => isRecord(checker, t)) ?? plain[0], array };
  }
  return { value: current, array };
}

function isWrapper(type: ts.Type): boolean {
  const name = type.getSymbol()?.getName() ?? type.aliasSymbol?.getName();
  return name === "Promise" || name === "OutputInstance" || name === "Output";
}

/** An object type with named properties (not a string map, a primitive or an array). */
function isRecord(checker: ts.TypeChecker, type: ts.Type): boolean {
  if (!(type.flags & ts.TypeFlags.Object) || checker.isArrayType(type)) return false;
  if (checker.getIndexInfosOfType(type).length > 0) return false;
  return checker.getPropertiesOfType(type).length > 0;
}

/**
 * The Pulumi name of a Terraform attribute among the Pulumi properties at the same level: the bridge
 * camel-cases the name and pluralizes lists that are not flattened (`allow` -> `allows`).
 */
export function pulumiNameOf(
  terraform: string,
  candidates: readonly PulumiProperty[],
): PulumiProperty | undefined {
  const camel = terraform.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  const forms = [camel, `${camel}s`, `${camel}es`, camel.replace(/y$/, "ies")];
  for (const form of forms) {
    const found = candidates.find((candidate) => candidate.name === form);
    if (found) return found;
  }
  return undefined;
}
