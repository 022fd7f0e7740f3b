import {
	chatPath,
	DEMO,
	expectEnvelope,
	FB,
	LINE,
	oho,
	validContact,
} from '../../test/helpers/sandboxHttp';
import { useSandbox } from '../../test/helpers/sandbox';

const t = useSandbox();
const IG = DEMO.instagram;
const requestAgent = (platform: string, platformId: string, userId: string) =>
	oho(t.http, 'POST', chatPath(platform, platformId, userId, 'request-agent'));
const closeChat = (platform: string, platformId: string, userId: string) =>
	oho(t.http, 'POST', chatPath(platform, platformId, userId, 'close-chat'));
const roomState = (platform: string, platformId: string, userId: string) =>
	t.sb
		.state()
		.rooms.find(
			(r) => r.platform === platform && r.platform_id === platformId && r.user_id === userId,
		)?.state;

describe('Oho chat state machine', () => {
	it('seeds rooms on every platform, in each state', () => {
		expect(roomState('line', LINE.platformId, LINE.userIds[0])).toBe('bot');
		expect(roomState('line', LINE.platformId, LINE.userIds[1])).toBe('agent_active');
		expect(roomState('line', LINE.platformId, LINE.userIds[2])).toBe('agent_requested');
		expect(roomState('facebook', FB.platformId, FB.userIds[0])).toBe('bot');
		expect(roomState('instagram', IG.platformId, IG.userIds[0])).toBe('bot');
	});

	it.each([
		['line', LINE.platformId, LINE.userIds[0]],
		['facebook', FB.platformId, FB.userIds[0]],
		['instagram', IG.platformId, IG.userIds[0]],
	])(
		'%s: bot → request-agent 200 → second request-agent 409 → close-chat 200 → close-chat again 409',
		async (platform, pid, uid) => {
			expectEnvelope(
				await requestAgent(platform, pid, uid),
				200,
				'Agent has been requested for the chat room',
			);
			expect(roomState(platform, pid, uid)).toBe('agent_requested');
			expectEnvelope(
				await requestAgent(platform, pid, uid),
				409,
				'Chat room cannot be changed to agent requested',
			);
			expect(roomState(platform, pid, uid)).toBe('agent_requested');
			expectEnvelope(await closeChat(platform, pid, uid), 200, 'Chat room session has been closed');
			expect(roomState(platform, pid, uid)).toBe('bot');
			expectEnvelope(
				await closeChat(platform, pid, uid),
				409,
				'Chat room session cannot be closed',
			);
			expectEnvelope(
				await requestAgent(platform, pid, uid),
				200,
				'Agent has been requested for the chat room',
			);
		},
	);

	it('agent_active: request-agent 409, close-chat 200 back to bot', async () => {
		const [pid, uid] = [LINE.platformId, LINE.userIds[1]];
		expectEnvelope(
			await requestAgent('line', pid, uid),
			409,
			'Chat room cannot be changed to agent requested',
		);
		expectEnvelope(await closeChat('line', pid, uid), 200, 'Chat room session has been closed');
		expect(roomState('line', pid, uid)).toBe('bot');
	});

	it.each(['request-agent', 'close-chat'] as const)(
		'%s: 404 Not found chat room for an unknown user or platform id',
		async (action) => {
			expectEnvelope(
				await oho(t.http, 'POST', chatPath('line', LINE.platformId, 'Unobody', action)),
				404,
				'Not found chat room',
			);
			expectEnvelope(
				await oho(t.http, 'POST', chatPath('facebook', '999999999', FB.userIds[0], action)),
				404,
				'Not found chat room',
			);
		},
	);

	it.each(['request-agent', 'close-chat'] as const)(
		'%s: 400 for an unknown platform',
		async (action) => {
			expectEnvelope(
				await oho(t.http, 'POST', chatPath('telegram', LINE.platformId, LINE.userIds[0], action)),
				400,
				'Bad request: platform must be one of: line, facebook, instagram',
			);
		},
	);

	it('LINE chat endpoints accept the provider channel id as platform_id', async () => {
		expectEnvelope(
			await requestAgent('line', LINE.channelId, LINE.userIds[0]),
			200,
			'Agent has been requested for the chat room',
		);
		expect(roomState('line', LINE.platformId, LINE.userIds[0])).toBe('agent_requested');
		expectEnvelope(
			await closeChat('line', LINE.channelId, LINE.userIds[0]),
			200,
			'Chat room session has been closed',
		);
	});

	it('the channel id alias is LINE only', async () => {
		expectEnvelope(
			await requestAgent('facebook', LINE.channelId, LINE.userIds[0]),
			404,
			'Not found chat room',
		);
	});

	it('a created contact has a room in state bot', async () => {
		const body = validContact();
		await oho(t.http, 'POST', '/contact', body);
		const uid = (body.social_profile as { id: string }).id;
		expectEnvelope(
			await closeChat('line', LINE.platformId, uid),
			409,
			'Chat room session cannot be closed',
		);
		expectEnvelope(
			await requestAgent('line', LINE.platformId, uid),
			200,
			'Agent has been requested for the chat room',
		);
	});

	it('setRoomState puts a room in agent_active (what a human agent does in Oho)', async () => {
		const room = t.sb.setRoomState('line', LINE.channelId, LINE.userIds[0], 'agent_active');
		expect(room).toMatchObject({ platform_id: LINE.platformId, state: 'agent_active' });
		expectEnvelope(
			await requestAgent('line', LINE.platformId, LINE.userIds[0]),
			409,
			'Chat room cannot be changed to agent requested',
		);
		expect(() => t.sb.setRoomState('line', LINE.platformId, 'Unobody', 'bot')).toThrow(
			/no chat room/,
		);
	});
});
