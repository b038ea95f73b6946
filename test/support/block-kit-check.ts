/**
 * The Block Kit limits Slack enforces on a message (chat.postMessage, chat.update), as its reference
 * states them: 50 blocks; header text 150 characters; section text 3,000 and 10 fields of 2,000;
 * context 10 elements; actions 25 elements; button text 75, value 2,000, action_id 255 and unique in
 * its block, url 3,000, style `primary` or `danger`; block_id 255 and unique; image block alt text
 * 2,000, image_url 3,000, an http(s) URL of a PNG, JPEG or GIF (Slack shows no other format). Any
 * broken one makes Slack answer `invalid_blocks`; the fake Slack does the same with these messages.
 */
type Json = Record<string, any>;

const textLength = (t: Json | undefined) => (typeof t?.text === 'string' ? [...t.text].length : 0);

export function blockKitProblems(blocks: unknown): string[] {
  if (blocks === undefined) return [];
  if (!Array.isArray(blocks)) return ['blocks must be an array'];
  const problems: string[] = [];
  const at = (i: number, what: string) => problems.push(`/blocks/${i}: ${what}`);
  if (blocks.length > 50) problems.push(`${blocks.length} blocks: at most 50`);
  const blockIds = new Set<string>();
  blocks.forEach((block: Json, i) => {
    if (block.block_id !== undefined) {
      if (String(block.block_id).length > 255) at(i, 'block_id over 255 characters');
      if (blockIds.has(block.block_id)) at(i, `block_id ${block.block_id} repeated`);
      blockIds.add(block.block_id);
    }
    switch (block.type) {
      case 'header':
        if (block.text?.type !== 'plain_text') at(i, 'header text must be plain_text');
        if (textLength(block.text) > 150) at(i, 'header text over 150 characters');
        break;
      case 'section':
        if (!block.text && !block.fields) at(i, 'section needs text or fields');
        if (textLength(block.text) > 3000) at(i, 'section text over 3000 characters');
        if (block.text && textLength(block.text) === 0) at(i, 'section text empty');
        if ((block.fields?.length ?? 0) > 10) at(i, 'more than 10 fields');
        for (const f of block.fields ?? []) if (textLength(f) > 2000) at(i, 'field over 2000 characters');
        break;
      case 'context':
        if (!Array.isArray(block.elements) || block.elements.length === 0) at(i, 'context without elements');
        else if (block.elements.length > 10) at(i, 'context over 10 elements');
        for (const e of block.elements ?? []) if (textLength(e) > 3000) at(i, 'context text over 3000 characters');
        break;
      case 'image': {
        const url = String(block.image_url ?? '');
        if (url.length > 3000) at(i, 'image_url over 3000 characters');
        if (!/^https?:\/\//.test(url)) at(i, 'image_url must be an http(s) URL');
        if (!/\.(png|jpe?g|gif)$/i.test(url.split(/[?#]/)[0])) at(i, `image_url not a png, jpg or gif: ${url.slice(-40)}`);
        if (!block.alt_text || [...String(block.alt_text)].length > 2000) at(i, 'alt_text missing or over 2000 characters');
        break;
      }
      case 'actions': {
        const elements: Json[] = block.elements ?? [];
        if (elements.length === 0 || elements.length > 25) at(i, `actions with ${elements.length} elements (1 to 25)`);
        const actionIds = new Set<string>();
        for (const e of elements) {
          if (e.action_id !== undefined) {
            if (String(e.action_id).length > 255) at(i, 'action_id over 255 characters');
            if (actionIds.has(e.action_id)) at(i, `action_id ${e.action_id} repeated`);
            actionIds.add(e.action_id);
          }
          if (e.type !== 'button') continue;
          if (textLength(e.text) === 0 || textLength(e.text) > 75) at(i, 'button text empty or over 75 characters');
          if (e.value !== undefined && String(e.value).length > 2000) at(i, 'button value over 2000 characters');
          if (e.url !== undefined && String(e.url).length > 3000) at(i, 'button url over 3000 characters');
          if (e.style !== undefined && e.style !== 'primary' && e.style !== 'danger') at(i, `button style ${e.style}`);
        }
        break;
      }
      case 'divider':
      case 'rich_text':
      case 'input':
        break;
      default:
        at(i, `unknown block type ${block.type}`);
    }
  });
  return problems;
}
