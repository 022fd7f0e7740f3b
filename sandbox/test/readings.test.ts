/**
 * The sandbox's readings knob: the contract's first reading of an OPEN point by default, the other on request.
 */
import {
	chatPath,
	DEMO,
	FB,
	LINE,
	oho,
	sendMessage,
	validContact,
	validMessage,
} from '../../test/helpers/sandboxHttp';
import { useSandbox } from '../../test/helpers/sandbox';

const t = useSandbox();
const suda = LINE.userIds[1];
const facebookContact = (social: Record<string, unknown>) =>
	validContact(
		{},
		{
			platform: 'facebook',
			platform_id: FB.platformId,
			platform_name: FB.platformName,
			id: `fb-${Date.now()}-${Math.random()}`,
			...social,
		},
	);

describe('readings.closeChatMethod', () => {
	it('POST (default): POST closes the chat, GET is 405 in the envelope', async () => {
		const get = await oho(t.http, 'GET', chatPath('line', LINE.platformId, suda, 'close-chat'));
		expect([get.status, get.data, get.headers.allow]).toEqual([
			405,
			{ ok: false, status_code: 405, message: 'Method not allowed' },
			'POST',
		]);
		const post = await oho(t.http, 'POST', chatPath('line', LINE.platformId, suda, 'close-chat'));
		expect([post.status, post.data.message]).toEqual([200, 'Chat room session has been closed']);
	});

	it("GET: POST meets a framework's bare HTML 404 and changes nothing; GET closes the chat", async () => {
		t.sb.setKnobs({ readings: { closeChatMethod: 'GET' } });
		const path = chatPath('line', LINE.platformId, suda, 'close-chat');
		const post = await oho(t.http, 'POST', path, undefined, DEMO.ohoApiKey, {
			responseType: 'text',
		});
		expect([post.status, post.headers['content-type'], post.data]).toEqual([
			404,
			'text/html; charset=utf-8',
			expect.stringContaining(`Cannot POST ${path}`),
		]);
		expect(t.sb.state().rooms.find((room) => room.user_id === suda)?.state).toBe('agent_active');
		const get = await oho(t.http, 'GET', path);
		expect([get.status, get.data.message]).toEqual([200, 'Chat room session has been closed']);
	});
});

describe('readings.lineBasicIdNonLine', () => {
	it.each([
		['optional', { line_basic_id: undefined }, 201],
		['optional', { line_basic_id: '' }, 201],
		['keyRequired', { line_basic_id: undefined }, 400],
		['keyRequired', { line_basic_id: '' }, 201],
		['emptyRefused', { line_basic_id: '' }, 400],
		['emptyRefused', { line_basic_id: undefined }, 201],
	] as const)('%s: a Facebook contact with %j is answered %i', async (reading, social, status) => {
		t.sb.setKnobs({ readings: { lineBasicIdNonLine: reading } });
		const response = await oho(t.http, 'POST', '/contact', facebookContact(social));
		expect(response.status).toBe(status);
		if (status === 400) expect(response.data.message).toMatch(/social_profile\.line_basic_id/);
	});

	it('LINE still needs a non-empty LINE Basic ID under every reading', async () => {
		t.sb.setKnobs({ readings: { lineBasicIdNonLine: 'keyRequired' } });
		expect(
			(await oho(t.http, 'POST', '/contact', validContact({}, { line_basic_id: '' }))).status,
		).toBe(400);
	});
});

describe('readings.gofiveStatusBlock', () => {
	it('true (default): 201 with status 1000 and data', async () => {
		const response = await sendMessage(t.http, validMessage());
		expect([response.status, response.data.status, typeof response.data.data.id]).toEqual([
			201,
			{ code: '1000', description: 'Success' },
			'string',
		]);
	});

	it('false: 201 with only data, and the message is posted', async () => {
		t.sb.setKnobs({ readings: { gofiveStatusBlock: false } });
		const response = await sendMessage(t.http, validMessage({ content: 'no status block' }));
		expect([response.status, Object.keys(response.data), response.data.data.content]).toEqual([
			201,
			['data'],
			'no status block',
		]);
		expect(t.sb.state().gofiveMessages.map((message) => message.content)).toContain(
			'no status block',
		);
	});

	it('false: a refused message still carries its status block', async () => {
		t.sb.setKnobs({ readings: { gofiveStatusBlock: false } });
		const response = await sendMessage(t.http, validMessage({ companyId: 9999 }));
		expect(response.data.status.code).toBe('4001');
	});
});

describe('readings.gofiveOtherValues', () => {
	it('false (default): a type or platform other than message / line is a 400', async () => {
		expect((await sendMessage(t.http, validMessage({ type: 'sticker' }))).status).toBe(400);
	});

	it('true: any type is taken', async () => {
		t.sb.setKnobs({ readings: { gofiveOtherValues: true } });
		const response = await sendMessage(t.http, validMessage({ type: 'sticker' }));
		expect([response.status, response.data.status.code, response.data.data.type]).toEqual([
			201,
			'1000',
			'sticker',
		]);
	});
});
