/**
 * Contacts that exist before a run, created through the sandbox's own HTTP API (16 at a time), as the
 * benchmark and the queue-mode test need: the same path an Oho client takes, so the state is what Oho would hold.
 */
import { DEMO, type Sandbox } from '../../sandbox';

/** The body of a create for a customer of the demo LINE OA: its identity, picture and the given fields. */
export function demoLineContact(
	userId: string,
	pictureUrl: string,
	fields: Record<string, unknown>,
): Record<string, unknown> {
	return {
		social_profile: {
			platform: 'line',
			id: userId,
			platform_id: DEMO.line.platformId,
			platform_name: DEMO.line.platformName,
			line_basic_id: DEMO.line.lineBasicId,
		},
		profile_picture_url: pictureUrl,
		...fields,
	};
}

export async function createContacts(
	sb: Sandbox,
	bodies: Array<Record<string, unknown>>,
	parallel = 16,
): Promise<void> {
	let next = 0;
	const worker = async () => {
		while (next < bodies.length) {
			const index = next++;
			const response = await fetch(`${sb.url}/contact`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'x-oho-api-key': DEMO.ohoApiKey },
				body: JSON.stringify(bodies[index]),
			});
			if (response.status !== 201) {
				throw new Error(
					`creating contact ${index}: HTTP ${response.status} ${await response.text()}`,
				);
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(parallel, bodies.length) }, worker));
}
