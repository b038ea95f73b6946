/**
 * Demo seed: on an empty database, a dozen French bricolages by the local chat's demo agents, with
 * generated illustration photos, likes, comments and adoptions, so the gallery is alive on first
 * start. Runs once: recorded in `audit_log` as 'seed.demo', and skipped when any bricolage exists.
 */
import sharp from 'sharp';
import type { Config } from '../config.js';
import { ensureAgent } from './agents.js';
import { addAnimator } from './animators.js';
import { insertBricolage } from './bricolages.js';
import type { Db, DbOrTrx } from './db.js';
import { nowIso } from './db.js';
import { DEMO_AGENTS, DEMO_BRICOLAGES, type DemoIcon, type DemoPhoto } from './demo-data.js';
import { lockUntilCommit } from './dialect.js';
import { mediaStore } from './media/index.js';
import { storePhoto } from './photos.js';

export const SEED_ACTION = 'seed.demo';
const PLATFORM = 'local';
const LIKE_EMOJIS = ['👍', '❤️', '🎉', '👏'];
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const PHOTO_WIDTH = 1200;
const PHOTO_HEIGHT = 800;

/** Seeds the demo on an empty database; returns the number of bricolages added (0 when skipped). */
export async function seedDemo(db: Db, config: Config): Promise<number> {
  if (await alreadySeeded(db)) return 0;

  // Photos first, outside the transaction: sharp is slow and the SQLite connection is held by a transaction.
  const photoHashes = new Map<string, string>();
  for (const photo of DEMO_BRICOLAGES.flatMap((b) => b.steps.flatMap((s) => s.photos ?? []))) {
    const key = photoKey(photo);
    if (photoHashes.has(key)) continue;
    const png = await sharp(Buffer.from(demoPhotoSvg(photo)))
      .png({ compressionLevel: 2 })
      .toBuffer();
    const stored = await storePhoto(db, mediaStore(config.media), png, Math.max(config.maxPhotoBytes, png.length));
    if (stored.ok) photoHashes.set(key, stored.photo.hash);
  }

  const now = Date.now();
  const at = (time: number) => new Date(Math.min(time, now - 60_000)).toISOString();

  return db.transaction().execute(async (trx) => {
    // Instances starting at once on one PostgreSQL database: one seeds, the others then find it done.
    await lockUntilCommit(trx, SEED_ACTION);
    if (await alreadySeeded(trx)) return 0;
    const agents = new Map<string, { id: number; mairie: string | null }>();
    for (const demo of DEMO_AGENTS) {
      const agent = await ensureAgent(trx, {
        platform: PLATFORM,
        platformUserId: demo.id,
        displayName: demo.name,
        mairie: demo.mairie,
      });
      agents.set(demo.id, { id: agent.id, mairie: agent.mairie ?? demo.mairie });
      // The demo's animateur, so the local chat shows that role too.
      if (demo.animator) await addAnimator(trx, { platform: PLATFORM, platformUserId: demo.id }, null);
    }
    const agentId = (key: string) => {
      const agent = agents.get(key);
      if (!agent) throw new Error(`demo data names an unknown agent: ${key}`);
      return agent;
    };

    for (const [index, demo] of DEMO_BRICOLAGES.entries()) {
      const author = agentId(demo.author);
      // daysAgo days back, at a varied hour so the timeline does not look machine-made.
      const publishedAt = now - demo.daysAgo * DAY - ((index * 5) % 9) * HOUR;
      const id = await insertBricolage(trx, {
        authorId: author.id,
        title: demo.title,
        problem: demo.problem,
        category: pickCategory(config.categories, demo.category, index),
        status: 'published',
        at: at(publishedAt),
        steps: demo.steps.map((step) => ({
          text: step.text,
          photoHashes: (step.photos ?? []).map((p) => photoHashes.get(photoKey(p))).filter((h): h is string => !!h),
        })),
      });
      if (demo.featured) await trx.updateTable('bricolages').set({ featured: 1 }).where('id', '=', id).execute();
      // With the local chat on, the bot posts the demo in `#communaute` at start through its usual
      // publish path (retry of unposted bricolages), so the posts are linked and react at once.
      if (config.localChat) await trx.updateTable('bricolages').set({ chat_platform: PLATFORM }).where('id', '=', id).execute();

      const likers = [...new Set(demo.likedBy)].filter((key) => key !== demo.author);
      if (likers.length > 0) {
        await trx
          .insertInto('likes')
          .values(
            likers.map((key, i) => ({
              bricolage_id: id,
              agent_id: agentId(key).id,
              emoji: LIKE_EMOJIS[(index + i) % LIKE_EMOJIS.length],
              created_at: at(publishedAt + (i + 1) * 2.5 * HOUR),
            })),
          )
          .execute();
      }
      for (const comment of demo.comments) {
        await trx
          .insertInto('comments')
          .values({
            bricolage_id: id,
            author_id: agentId(comment.by).id,
            text: comment.text,
            status: 'visible',
            created_at: at(publishedAt + comment.after * HOUR),
          })
          .execute();
      }
      for (const adoption of demo.adoptions) {
        if (adoption.by === demo.author) continue;
        const adopter = agentId(adoption.by);
        await trx
          .insertInto('adoptions')
          .values({
            bricolage_id: id,
            agent_id: adopter.id,
            mairie: adopter.mairie,
            feedback: adoption.feedback,
            created_at: at(publishedAt + adoption.after * DAY),
          })
          .execute();
      }
    }

    await trx
      .insertInto('audit_log')
      .values({
        at: nowIso(),
        actor_agent_id: null,
        action: SEED_ACTION,
        subject_type: 'database',
        subject_id: 'demo',
        details: JSON.stringify({ bricolages: DEMO_BRICOLAGES.length, agents: DEMO_AGENTS.length, photos: photoHashes.size }),
      })
      .execute();
    return DEMO_BRICOLAGES.length;
  });
}

async function alreadySeeded(db: DbOrTrx): Promise<boolean> {
  const seed = await db.selectFrom('audit_log').select('id').where('action', '=', SEED_ACTION).executeTakeFirst();
  if (seed) return true;
  const bricolage = await db.selectFrom('bricolages').select('id').limit(1).executeTakeFirst();
  return bricolage !== undefined;
}

/** The demo's category when configured, else a configured one, so the seed follows CATEGORIES. */
function pickCategory(categories: readonly string[], wanted: string, index: number): string {
  return categories.includes(wanted) ? wanted : categories[index % categories.length];
}

function photoKey(photo: DemoPhoto): string {
  return `${photo.icon}|${photo.color}|${photo.label}`;
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** A flat illustration card: tinted background, soft shapes, a white icon tile and a caption band. */
export function demoPhotoSvg(photo: DemoPhoto): string {
  const { color } = photo;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${PHOTO_WIDTH}" height="${PHOTO_HEIGHT}" viewBox="0 0 1200 800">
  <rect width="1200" height="800" fill="${color}"/>
  <circle cx="1080" cy="110" r="220" fill="#ffffff" opacity="0.10"/>
  <circle cx="140" cy="700" r="260" fill="#000000" opacity="0.08"/>
  <circle cx="980" cy="640" r="90" fill="#ffffff" opacity="0.12"/>
  <rect x="390" y="90" width="420" height="420" rx="48" fill="#ffffff"/>
  <g transform="translate(450 150)">${iconSvg(photo.icon, color)}</g>
  <rect x="0" y="600" width="1200" height="200" fill="#000000" opacity="0.18"/>
  <text x="600" y="722" text-anchor="middle" font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif" font-size="56" font-weight="bold" fill="#ffffff">${escapeXml(photo.label)}</text>
</svg>`;
}

/** Icons drawn in a 300×300 box in the card's colour. */
function iconSvg(icon: DemoIcon, c: string): string {
  const soft = `${c}55`;
  switch (icon) {
    case 'ticket':
      return `<rect x="10" y="70" width="280" height="160" rx="18" fill="${c}"/>
        <circle cx="10" cy="150" r="28" fill="#fff"/><circle cx="290" cy="150" r="28" fill="#fff"/>
        <line x1="200" y1="85" x2="200" y2="215" stroke="#fff" stroke-width="6" stroke-dasharray="14 10"/>
        <text x="105" y="175" text-anchor="middle" font-family="DejaVu Sans, sans-serif" font-size="72" font-weight="bold" fill="#fff">12</text>`;
    case 'spreadsheet': {
      let cells = '';
      for (let r = 0; r < 5; r++) {
        for (let k = 0; k < 4; k++) {
          const fill = r === 0 ? c : r === 2 && k === 3 ? '#e0533d' : r === 4 && k === 3 ? '#f0a030' : '#ffffff';
          cells += `<rect x="${20 + k * 66}" y="${30 + r * 50}" width="62" height="46" fill="${fill}" stroke="${c}" stroke-width="4"/>`;
        }
      }
      return cells;
    }
    case 'chart':
      return `<line x1="20" y1="270" x2="290" y2="270" stroke="${c}" stroke-width="8"/>
        <rect x="40" y="170" width="50" height="100" fill="${soft}"/><rect x="110" y="120" width="50" height="150" fill="${c}"/>
        <rect x="180" y="60" width="50" height="210" fill="#e0533d"/><rect x="250" y="200" width="30" height="70" fill="#f0a030"/>`;
    case 'flyers':
      return `<rect x="30" y="60" width="150" height="210" rx="10" fill="${soft}" transform="rotate(-12 105 165)"/>
        <rect x="120" y="40" width="150" height="210" rx="10" fill="${c}" transform="rotate(10 195 145)"/>
        <rect x="75" y="50" width="150" height="210" rx="10" fill="#fff" stroke="${c}" stroke-width="8"/>
        <rect x="100" y="80" width="100" height="60" fill="${c}"/>
        <rect x="100" y="160" width="100" height="12" fill="${soft}"/><rect x="100" y="190" width="80" height="12" fill="${soft}"/>`;
    case 'mail':
      return `<rect x="20" y="60" width="260" height="180" rx="16" fill="${c}"/>
        <polyline points="30,75 150,165 270,75" fill="none" stroke="#fff" stroke-width="12" stroke-linejoin="round"/>`;
    case 'calendar': {
      let dots = '';
      for (let r = 0; r < 3; r++)
        for (let k = 0; k < 5; k++)
          dots += `<rect x="${45 + k * 45}" y="${125 + r * 45}" width="30" height="30" rx="6" fill="${r === 1 && k === 2 ? c : soft}"/>`;
      return `<rect x="20" y="40" width="260" height="240" rx="18" fill="#fff" stroke="${c}" stroke-width="8"/>
        <rect x="20" y="40" width="260" height="60" rx="18" fill="${c}"/>
        <rect x="80" y="15" width="16" height="50" rx="8" fill="${c}"/><rect x="204" y="15" width="16" height="50" rx="8" fill="${c}"/>${dots}`;
    }
    case 'label':
      return `<path d="M30 90 L190 90 L280 150 L190 210 L30 210 Z" fill="${c}"/>
        <circle cx="200" cy="150" r="16" fill="#fff"/>
        <rect x="55" y="130" width="100" height="14" rx="7" fill="#fff"/><rect x="55" y="160" width="70" height="14" rx="7" fill="#fff"/>`;
    case 'clipboard':
      return `<rect x="50" y="30" width="200" height="260" rx="16" fill="${c}"/>
        <rect x="70" y="60" width="160" height="210" rx="6" fill="#fff"/>
        <rect x="110" y="15" width="80" height="40" rx="10" fill="${soft}" stroke="${c}" stroke-width="6"/>
        <polyline points="85,110 100,125 125,95" fill="none" stroke="${c}" stroke-width="8"/><rect x="140" y="105" width="70" height="12" fill="${soft}"/>
        <polyline points="85,170 100,185 125,155" fill="none" stroke="${c}" stroke-width="8"/><rect x="140" y="165" width="70" height="12" fill="${soft}"/>
        <rect x="85" y="220" width="30" height="30" fill="none" stroke="${c}" stroke-width="6"/><rect x="140" y="228" width="70" height="12" fill="${soft}"/>`;
    case 'ballot':
      return `<rect x="110" y="20" width="90" height="120" rx="6" fill="#fff" stroke="${c}" stroke-width="6" transform="rotate(8 155 80)"/>
        <rect x="30" y="120" width="240" height="160" rx="14" fill="${c}"/>
        <rect x="90" y="110" width="120" height="18" rx="9" fill="#333"/>
        <text x="150" y="230" text-anchor="middle" font-family="DejaVu Sans, sans-serif" font-size="60" font-weight="bold" fill="#fff">4</text>`;
    case 'box':
      return `<rect x="40" y="50" width="220" height="60" rx="8" fill="${c}"/>
        <rect x="40" y="120" width="220" height="60" rx="8" fill="${soft}"/>
        <rect x="40" y="190" width="220" height="60" rx="8" fill="${c}"/>
        <rect x="120" y="70" width="60" height="20" rx="10" fill="#fff"/><rect x="120" y="140" width="60" height="20" rx="10" fill="#fff"/>
        <rect x="120" y="210" width="60" height="20" rx="10" fill="#fff"/>`;
  }
}
