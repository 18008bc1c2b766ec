import path from 'node:path';

/** Where the staff side keeps its files under DATA_DIR. */
export function staffPaths(dataDir: string) {
  const staff = path.join(dataDir, 'staff');
  return {
    staff,
    leads: path.join(dataDir, 'leads'),
    workflow: path.join(staff, 'workflow'),
    handoffs: path.join(staff, 'handoffs'),
    accounts: path.join(staff, 'accounts.json'),
    sessions: path.join(staff, 'sessions.json'),
    audit: path.join(staff, 'deletions.jsonl'),
  };
}
