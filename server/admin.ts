/**
 * `npm run admin -- create-admin NAME`: the first admin (and any later one) is made here, with a
 * password read from standard input (not echoed at a terminal; one line from a pipe). No account
 * ever has a default password. `npm run admin -- set-password NAME` resets a forgotten one and ends
 * that user's sessions.
 */
import { createInterface } from 'node:readline';
import { hashPassword, MIN_PASSWORD_LENGTH } from './accounts/password';
import { findUserForLogin, insertUser, revokeUserSessions } from './accounts/store';
import { recordEvent } from './audit/events';
import { databaseConfig } from './config';
import { DEFAULT_CONFIG } from './context';
import { openDatabase } from './db/open';

const USAGE = `用法：
  npm run admin -- create-admin 用户名     新建管理员（密码从标准输入读取）
  npm run admin -- set-password 用户名     重设密码（并注销该用户的所有会话）`;

/** One line from a pipe, or a prompt without echo at a terminal. */
async function readSecret(prompt: string): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) {
    const lines = createInterface({ input, crlfDelay: Infinity });
    for await (const line of lines) {
      lines.close();
      return line;
    }
    return '';
  }
  process.stderr.write(prompt);
  input.setRawMode(true);
  input.resume();
  input.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let secret = '';
    const onData = (chunk: string): void => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          input.setRawMode(false);
          input.pause();
          input.off('data', onData);
          process.stderr.write('\n');
          resolve(secret);
          return;
        }
        if (ch === '\u0003') {
          input.setRawMode(false);
          reject(new Error('已取消。'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') secret = secret.slice(0, -1);
        else secret += ch;
      }
    };
    input.on('data', onData);
  });
}

async function readNewPassword(): Promise<string> {
  const password = await readSecret('新密码：');
  if (process.stdin.isTTY && (await readSecret('再输入一次：')) !== password) {
    throw new Error('两次输入的密码不一致。');
  }
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new Error(`密码至少 ${MIN_PASSWORD_LENGTH} 个字符。`);
  }
  return password;
}

async function main(argv: readonly string[]): Promise<number> {
  const [command, name] = argv;
  if ((command !== 'create-admin' && command !== 'set-password') || !name?.trim()) {
    console.error(USAGE);
    return 2;
  }
  const password = await readNewPassword();
  const passwordHash = await hashPassword(password, DEFAULT_CONFIG.passwordCost);
  const { db, close } = await openDatabase(databaseConfig(process.env));
  try {
    const existing = await findUserForLogin(db, name.trim());
    if (command === 'create-admin') {
      if (existing) throw new Error(`用户名“${existing.name}”已存在。`);
      const user = await db.transaction(async (tx) => {
        const created = await insertUser(tx, {
          name: name.trim(),
          displayName: null,
          role: 'admin',
          passwordHash,
        });
        await recordEvent(tx, {
          actorId: null,
          kind: 'user.created',
          data: { userId: created.id, name: created.name, role: 'admin', via: 'cli' },
        });
        return created;
      });
      console.log(`已创建管理员“${user.name}”（id ${user.id}）。`);
    } else {
      if (!existing) throw new Error(`没有用户“${name.trim()}”。`);
      await db.transaction(async (tx) => {
        await tx.query('UPDATE users SET password_hash = $2 WHERE id = $1', [
          existing.id,
          passwordHash,
        ]);
        const revoked = await revokeUserSessions(tx, existing.id);
        await recordEvent(tx, {
          actorId: null,
          kind: 'user.updated',
          data: {
            userId: existing.id,
            passwordChanged: true,
            sessionsRevoked: revoked,
            via: 'cli',
          },
        });
      });
      console.log(`已重设“${existing.name}”的密码，并注销其所有会话。`);
    }
    return 0;
  } finally {
    await close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
