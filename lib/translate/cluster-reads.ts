/**
 * Logical names of objects read from the cluster (`Resource.get`). A created object of IngressManifests
 * is `<component>-<namespace>/<name>`; a read one is `<owner>-read:<namespace>/<name>`. A namespace never
 * holds ":", so a read never takes a created object's name: were it the same URN, Pulumi would turn the
 * managed object into a read by a read-replacement, which deletes the object another tool owns.
 */
export function clusterReadName(owner: string, key: string): string {
  return `${owner}-read:${key}`;
}
