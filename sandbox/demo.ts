import type { ChatRoom, Contact, GofiveRoom, Platform, RoomState } from './types';

export interface DemoPlatform {
	platformId: string;
	platformName: string;
	userIds: string[];
}

export interface DemoData {
	ohoApiKey: 'oho-demo-key';
	ohoOtherBusinessKey: 'oho-other-business-key';
	gofiveAccessToken: 'gofive-demo-token';
	gofiveClientId: 'gofive-demo-client';
	gofiveClientSecret: 'gofive-demo-secret';
	gofiveSubscriptionKey: 'gofive-demo-subscription';
	gofiveCompanyId: 507;
	gofiveRoomId: '26259b2c-509c-4ff5-a82a-d1b5505b014d';
	gofiveSecondRoomId: string;
	gofiveOtherCompanyId: number;
	gofiveOtherCompanyRoomId: string;
	line: DemoPlatform & { lineBasicId: string; channelId: string };
	facebook: DemoPlatform;
	instagram: DemoPlatform;
	otherBusiness: { facebook: DemoPlatform };
}

function deepFreeze<T>(value: T): T {
	if (typeof value === 'object' && value !== null) {
		Object.values(value).forEach(deepFreeze);
		Object.freeze(value);
	}
	return value;
}

/** Demo keys, tokens and seeded ids (frozen). Business "demo" owns every seeded platform id below. */
export const DEMO: DemoData = deepFreeze({
	ohoApiKey: 'oho-demo-key',
	ohoOtherBusinessKey: 'oho-other-business-key',
	gofiveAccessToken: 'gofive-demo-token',
	gofiveClientId: 'gofive-demo-client',
	gofiveClientSecret: 'gofive-demo-secret',
	gofiveSubscriptionKey: 'gofive-demo-subscription',
	gofiveCompanyId: 507,
	gofiveRoomId: '26259b2c-509c-4ff5-a82a-d1b5505b014d',
	/** A second LINE room of company 507 (Gofive documents LINE rooms only). */
	gofiveSecondRoomId: '8f0c3a52-7d4e-4b1a-9c6f-2e5d8b9a1c30',
	/** A room of company 508 (sending to it with companyId 507 → business error 4001). */
	gofiveOtherCompanyId: 508,
	gofiveOtherCompanyRoomId: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f',
	line: {
		platformId: 'Uebef201e98cc729b62147a8ba3099d7c',
		platformName: 'HelloCheck',
		lineBasicId: '@548unshk',
		/** The provider's channel ID, accepted as platform_id on the chat endpoints. */
		channelId: '2001234567',
		userIds: [
			'U38e365dddca4292c9cb1d8cf012aac87',
			'U5b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e',
			'U0f1e2d3c4b5a69788796a5b4c3d2e1f0',
		],
	},
	facebook: {
		platformId: '104857392018475',
		platformName: 'Oho Demo Shop',
		userIds: ['6723405918273645', '7034859201837465'],
	},
	instagram: {
		platformId: '17841400000000001',
		platformName: 'ohodemoshop',
		userIds: ['17841455501234567', '17841455507654321'],
	},
	/** Business "other" owns this Facebook page (the demo key gets 403 on it). */
	otherBusiness: {
		facebook: {
			platformId: '209876543210987',
			platformName: 'Other Biz Page',
			userIds: ['5512345678901234'],
		},
	},
});

/**
 * The demo business's accounts as an Oho API credential holds them (its optional account fields), so the nodes
 * can leave Platform ID, Platform Name, LINE Basic ID and Profile Picture URL empty.
 */
export const DEMO_OHO_ACCOUNT = deepFreeze({
	lineBotUserId: DEMO.line.platformId,
	lineAccountName: DEMO.line.platformName,
	lineBasicId: DEMO.line.lineBasicId,
	facebookPageId: DEMO.facebook.platformId,
	facebookPageName: DEMO.facebook.platformName,
	instagramAccountId: DEMO.instagram.platformId,
	instagramUsername: DEMO.instagram.platformName,
	defaultProfilePictureUrl: 'https://example.com/avatars/default.png',
});

export const DEMO_BUSINESS = 'demo';
export const OTHER_BUSINESS = 'other';

export const DEMO_OHO_KEYS: Record<string, string> = {
	[DEMO.ohoApiKey]: DEMO_BUSINESS,
	[DEMO.ohoOtherBusinessKey]: OTHER_BUSINESS,
};

export interface SeedData {
	contacts: Contact[];
	rooms: ChatRoom[];
	owners: Record<string, string>;
	channelAliases: Record<string, string>;
	gofiveRooms: GofiveRoom[];
}

const SEED_TIME = '2025-01-01T00:00:00.000Z';

interface SeedPerson {
	platform: Platform;
	platformId: string;
	platformName: string;
	lineBasicId?: string;
	userId: string;
	first: string;
	last: string;
	state: RoomState;
	extra?: Partial<Contact>;
}

function seedId(n: number): string {
	return `65a0000000000000000000${n.toString(16).padStart(2, '0')}`;
}

function seedContact(p: SeedPerson, n: number): Contact {
	const name = `${p.first} ${p.last}`;
	return {
		_id: seedId(n),
		social_profile: {
			platform: p.platform,
			id: p.userId,
			platform_id: p.platformId,
			platform_name: p.platformName,
			...(p.lineBasicId ? { line_basic_id: p.lineBasicId } : {}),
		},
		profile_picture_url: `https://example.com/avatars/${p.userId}.png`,
		platform_display_name: name,
		display_name: name,
		first_name: p.first,
		last_name: p.last,
		gender: 'not_say',
		attributes: [],
		tags: [],
		labels: [],
		...p.extra,
		created_at: SEED_TIME,
		updated_at: SEED_TIME,
	};
}

function seedPeople(): SeedPerson[] {
	const line = {
		platform: 'line' as const,
		platformId: DEMO.line.platformId,
		platformName: DEMO.line.platformName,
		lineBasicId: DEMO.line.lineBasicId,
	};
	const fb = {
		platform: 'facebook' as const,
		platformId: DEMO.facebook.platformId,
		platformName: DEMO.facebook.platformName,
	};
	const ig = {
		platform: 'instagram' as const,
		platformId: DEMO.instagram.platformId,
		platformName: DEMO.instagram.platformName,
	};
	const other = { platform: 'facebook' as const, ...DEMO.otherBusiness.facebook };
	return [
		{
			...line,
			userId: DEMO.line.userIds[0],
			first: 'Somchai',
			last: 'Jaidee',
			state: 'bot',
			extra: {
				phone: '0987654321',
				email: 'somchai@example.com',
				country: 'Thailand',
				city: 'Bangkok',
				gender: 'male',
				age: 34,
				birth_date: '1991-04-13',
				attributes: [{ display_name: 'Member level', value: { text: 'Gold' } }],
				tags: ['vip'],
				labels: ['follow-up'],
			},
		},
		{
			...line,
			userId: DEMO.line.userIds[1],
			first: 'Suda',
			last: 'Wongsa',
			state: 'agent_active',
			extra: { gender: 'female', tags: ['new'] },
		},
		{
			...line,
			userId: DEMO.line.userIds[2],
			first: 'Anan',
			last: 'Srisuk',
			state: 'agent_requested',
		},
		{ ...fb, userId: DEMO.facebook.userIds[0], first: 'Malee', last: 'Thongdee', state: 'bot' },
		{
			...fb,
			userId: DEMO.facebook.userIds[1],
			first: 'Preecha',
			last: 'Kaewmanee',
			state: 'agent_active',
		},
		{ ...ig, userId: DEMO.instagram.userIds[0], first: 'Nok', last: 'Charoen', state: 'bot' },
		{ ...ig, userId: DEMO.instagram.userIds[1], first: 'Kanya', last: 'Boonmee', state: 'bot' },
		{
			...other,
			userId: DEMO.otherBusiness.facebook.userIds[0],
			first: 'Other',
			last: 'Customer',
			state: 'bot',
		},
	];
}

/** A fresh copy of the seed data. */
export function buildSeed(): SeedData {
	const people = seedPeople();
	const contacts = people.map((p, i) => seedContact(p, i + 1));
	const rooms: ChatRoom[] = people.map((p, i) => ({
		_id: seedId(i + 0x81),
		platform: p.platform,
		platform_id: p.platformId,
		user_id: p.userId,
		state: p.state,
		updated_at: SEED_TIME,
	}));
	return {
		contacts,
		rooms,
		owners: {
			[`line:${DEMO.line.platformId}`]: DEMO_BUSINESS,
			[`facebook:${DEMO.facebook.platformId}`]: DEMO_BUSINESS,
			[`instagram:${DEMO.instagram.platformId}`]: DEMO_BUSINESS,
			[`facebook:${DEMO.otherBusiness.facebook.platformId}`]: OTHER_BUSINESS,
		},
		channelAliases: { [`line:${DEMO.line.channelId}`]: DEMO.line.platformId },
		gofiveRooms: [
			{
				roomId: DEMO.gofiveRoomId,
				companyId: DEMO.gofiveCompanyId,
				platform: 'line',
				customerName: 'Somchai Jaidee',
			},
			{
				roomId: DEMO.gofiveSecondRoomId,
				companyId: DEMO.gofiveCompanyId,
				platform: 'line',
				customerName: 'Malee Thongdee',
			},
			{
				roomId: DEMO.gofiveOtherCompanyRoomId,
				companyId: DEMO.gofiveOtherCompanyId,
				platform: 'line',
				customerName: 'Other Company Customer',
			},
		],
	};
}

/** An empty data set (`--no-seed`): the demo keys still work, no platform id is owned. */
export function emptySeed(): SeedData {
	return { contacts: [], rooms: [], owners: {}, channelAliases: {}, gofiveRooms: [] };
}
