/**
 * Kubernetes version priority, as kube-apiserver orders a CRD's versions (discovery, the preferred
 * version): GA before beta before alpha, higher major first, then higher minor; names that do not
 * look like Kubernetes versions (`v1-1-0`, `foo`) come last, in byte order (Go's strings.Compare,
 * not the locale's). The one home of this rule: the generator and the test API server both sort
 * with it.
 */
export function compareVersionPriority(a: string, b: string): number {
  const pa = parseVersion(a);
  const pb = parseVersion(b);
  if (pa && pb) {
    if (pa.stability !== pb.stability) return pb.stability - pa.stability;
    if (pa.major !== pb.major) return pb.major - pa.major;
    if (pa.minor !== pb.minor) return pb.minor - pa.minor;
    return 0;
  }
  if (pa) return -1;
  if (pb) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

interface KubeVersion {
  major: number;
  /** 2 GA, 1 beta, 0 alpha */
  stability: number;
  minor: number;
}

function parseVersion(version: string): KubeVersion | undefined {
  const match = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(version);
  if (!match) return undefined;
  const stability = match[2] === undefined ? 2 : match[2] === 'beta' ? 1 : 0;
  return { major: Number(match[1]), stability, minor: match[3] === undefined ? 0 : Number(match[3]) };
}
