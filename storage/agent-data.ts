/**
 * Everything stored about one agent, as one JSON-ready object (`mes données`): profile,
 * bricolages with their steps, comments, likes, adoptions, the workshops they opened or linked a
 * bricolage to, the draft in progress, and the stored inbound events that carry their words.
 */
import { sql } from 'kysely';
import { getSteps } from './bricolages.js';
import type { DbOrTrx } from './db.js';
import { jsonText } from './dialect.js';

export interface AgentDataExport {
  exportedAt: string;
  profile: {
    platform: string;
    platformUserId: string;
    displayName: string;
    mairie: string | null;
    locale: string | null;
    createdAt: string;
  };
  bricolages: {
    id: number;
    title: string;
    problem: string;
    category: string;
    status: string;
    createdAt: string;
    publishedAt: string | null;
    updatedAt: string;
    steps: { position: number; text: string; photos: string[] }[];
  }[];
  comments: { id: number; bricolageId: number; text: string; status: string; createdAt: string; editedAt: string | null }[];
  likes: { bricolageId: number; emoji: string; createdAt: string }[];
  adoptions: {
    bricolageId: number;
    mairie: string | null;
    feedback: string | null;
    createdAt: string;
    /** The time saved they reported (issue 20), and when; null when none. */
    minutesPerWeek: number | null;
    timeReportedAt: string | null;
  }[];
  /** Ateliers de débogage they opened (with the words they gave) and the links they made. */
  workshops: {
    opened: {
      id: number;
      title: string;
      description: string;
      status: string;
      openedAt: string;
      summary: string | null;
      closedAt: string | null;
    }[];
    linked: { workshopId: number; workshopTitle: string; bricolageId: number; linkedAt: string }[];
  };
  /** The posting conversation in progress, as the wizard stores it. */
  draft: unknown;
  /** What they did that the audit log keeps (publishing, deleting, adopting…). */
  actions: { at: string; action: string; subjectType: string; subjectId: string }[];
  /** Inbound events as received from the chat (their messages, reactions, clicks). */
  events: { eventId: string; receivedAt: string; payload: unknown }[];
}

function parse(json: string | null | undefined): unknown {
  if (!json) return null;
  try {
    return JSON.parse(json);
  } catch {
    return json;
  }
}

/** The export of one agent, or null when the agent does not exist (any more). */
export async function exportAgentData(db: DbOrTrx, agentId: number, now = new Date()): Promise<AgentDataExport | null> {
  const agent = await db.selectFrom('agents').selectAll().where('id', '=', agentId).executeTakeFirst();
  if (!agent) return null;
  const bricolages = await db.selectFrom('bricolages').selectAll().where('author_id', '=', agentId).orderBy('id').execute();
  const withSteps = [];
  for (const b of bricolages) {
    const steps = await getSteps(db, b.id);
    withSteps.push({
      id: b.id,
      title: b.title,
      problem: b.problem,
      category: b.category,
      status: b.status,
      createdAt: b.created_at,
      publishedAt: b.published_at,
      updatedAt: b.updated_at,
      steps: steps.map((s) => ({ position: s.position, text: s.text, photos: s.photoHashes })),
    });
  }
  const comments = await db
    .selectFrom('comments')
    .select(['id', 'bricolage_id', 'text', 'status', 'created_at', 'edited_at'])
    .where('author_id', '=', agentId)
    .orderBy('id')
    .execute();
  const likes = await db
    .selectFrom('likes')
    .select(['bricolage_id', 'emoji', 'created_at'])
    .where('agent_id', '=', agentId)
    .orderBy('created_at')
    .execute();
  const adoptions = await db
    .selectFrom('adoptions')
    .select(['bricolage_id', 'mairie', 'feedback', 'created_at', 'minutes_per_week', 'time_reported_at'])
    .where('agent_id', '=', agentId)
    .orderBy('id')
    .execute();
  const opened = await db
    .selectFrom('workshops')
    .select(['id', 'title', 'description', 'status', 'opened_at', 'summary', 'closed_at'])
    .where('opened_by', '=', agentId)
    .orderBy('id')
    .execute();
  const linked = await db
    .selectFrom('workshop_bricolages as wb')
    .innerJoin('workshops as w', 'w.id', 'wb.workshop_id')
    .select(['wb.workshop_id', 'w.title', 'wb.bricolage_id', 'wb.linked_at'])
    .where('wb.linked_by', '=', agentId)
    .orderBy('wb.linked_at')
    .orderBy('wb.workshop_id')
    .execute();
  const draft = await db.selectFrom('conversations').select('state').where('agent_id', '=', agentId).executeTakeFirst();
  const actions = await db
    .selectFrom('audit_log')
    .select(['at', 'action', 'subject_type', 'subject_id'])
    .where('actor_agent_id', '=', agentId)
    .orderBy('id')
    .execute();
  const events = await db
    .selectFrom('inbox')
    .select(['event_id', 'received_at', 'payload'])
    .where('platform', '=', agent.platform)
    .where(jsonText(db, sql.ref('payload'), ['user', 'id']), '=', agent.platform_user_id)
    .orderBy('id')
    .execute();
  return {
    exportedAt: now.toISOString(),
    profile: {
      platform: agent.platform,
      platformUserId: agent.platform_user_id,
      displayName: agent.display_name,
      mairie: agent.mairie,
      locale: agent.locale,
      createdAt: agent.created_at,
    },
    bricolages: withSteps,
    comments: comments.map((c) => ({
      id: c.id,
      bricolageId: c.bricolage_id,
      text: c.text,
      status: c.status,
      createdAt: c.created_at,
      editedAt: c.edited_at,
    })),
    likes: likes.map((l) => ({ bricolageId: l.bricolage_id, emoji: l.emoji, createdAt: l.created_at })),
    adoptions: adoptions.map((a) => ({
      bricolageId: a.bricolage_id,
      mairie: a.mairie,
      feedback: a.feedback,
      createdAt: a.created_at,
      minutesPerWeek: a.minutes_per_week,
      timeReportedAt: a.time_reported_at,
    })),
    workshops: {
      opened: opened.map((w) => ({
        id: w.id,
        title: w.title,
        description: w.description,
        status: w.status,
        openedAt: w.opened_at,
        summary: w.summary,
        closedAt: w.closed_at,
      })),
      linked: linked.map((l) => ({
        workshopId: l.workshop_id,
        workshopTitle: l.title,
        bricolageId: l.bricolage_id,
        linkedAt: l.linked_at,
      })),
    },
    draft: parse(draft?.state),
    actions: actions.map((a) => ({ at: a.at, action: a.action, subjectType: a.subject_type, subjectId: a.subject_id })),
    events: events.map((e) => ({ eventId: e.event_id, receivedAt: e.received_at, payload: parse(e.payload) })),
  };
}
