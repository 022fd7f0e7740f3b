/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console -- development tooling (tests, sandbox, e2e, bench, scripts): runs in plain Node and is not part of the published package, so the rules for code that runs inside n8n do not apply */
import { randomBytes } from 'crypto';
import { existsSync, readFileSync } from 'fs';
import { rename, writeFile } from 'fs/promises';
import type { SeedData } from './demo';
import { seedCustomers } from './gofiveCustomer';
import type {
	ChatRoom,
	Contact,
	GofiveCustomer,
	GofiveCustomerEvent,
	GofiveMessage,
	GofiveRoom,
	Platform,
	RoomState,
	SandboxStateSnapshot,
} from './types';

/** Only this many Gofive messages are kept (oldest dropped), so a load test cannot grow memory without bound. */
export const GOFIVE_MESSAGE_LIMIT = 10000;
const TRIM_BATCH = 1000;
const SAVE_DEBOUNCE_MS = 100;
const DATA_FILE_VERSION = 1;

export function contactKey(platform: string, platformId: string, userId: string): string {
	return `${platform}\u0000${platformId}\u0000${userId}`;
}

export function platformKey(platform: string, platformId: string): string {
	return `${platform}:${platformId}`;
}

/** A 24-hex id, like a MongoDB ObjectId. */
export function objectId(): string {
	return (
		Math.floor(Date.now() / 1000)
			.toString(16)
			.padStart(8, '0') + randomBytes(8).toString('hex')
	);
}

interface IssuedToken {
	clientId: string;
	expiresAt: number;
}

interface DataFile extends SeedData {
	version: number;
	gofiveMessages: GofiveMessage[];
}

/** In-memory state of both APIs, optionally persisted to a JSON data file (debounced, async). */
export class Store {
	contacts = new Map<string, Contact>();
	rooms = new Map<string, ChatRoom>();
	/** `platform:platform_id` → business. */
	owners = new Map<string, string>();
	/** `line:<channel id>` → LINE OA bot user id. */
	channelAliases = new Map<string, string>();
	gofiveRooms = new Map<string, GofiveRoom>();
	gofiveMessages: GofiveMessage[] = [];
	/** Venio customers by customer code (kept in memory only, not in the data file). */
	gofiveCustomers = new Map<string, GofiveCustomer>(
		seedCustomers().map((customer) => [customer.customerCode, customer]),
	);
	gofiveCustomerEvents: GofiveCustomerEvent[] = [];
	tokens = new Map<string, IssuedToken>();
	tokensIssued = 0;
	private saveTimer: NodeJS.Timeout | undefined;
	private saving: Promise<void> = Promise.resolve();

	constructor(
		private readonly seed: () => SeedData,
		private readonly dataFile?: string,
	) {
		const fromFile = dataFile && existsSync(dataFile) ? Store.readDataFile(dataFile) : undefined;
		this.load(fromFile ?? seed());
		this.gofiveMessages = fromFile?.gofiveMessages ?? [];
		if (dataFile && !fromFile) this.changed();
	}

	private static readDataFile(file: string): DataFile {
		const data = JSON.parse(readFileSync(file, 'utf8')) as DataFile;
		if (data.version !== DATA_FILE_VERSION || !Array.isArray(data.contacts)) {
			throw new Error(
				`sandbox data file ${file} is not a version ${DATA_FILE_VERSION} sandbox data file`,
			);
		}
		return data;
	}

	private load(data: SeedData): void {
		this.contacts = new Map(
			data.contacts.map((c) => [
				contactKey(c.social_profile.platform, c.social_profile.platform_id, c.social_profile.id),
				c,
			]),
		);
		this.rooms = new Map(
			data.rooms.map((r) => [contactKey(r.platform, r.platform_id, r.user_id), r]),
		);
		this.owners = new Map(Object.entries(data.owners));
		this.channelAliases = new Map(Object.entries(data.channelAliases));
		this.gofiveRooms = new Map(data.gofiveRooms.map((r) => [r.roomId, r]));
	}

	/** Back to the seed; issued tokens are dropped. */
	reset(): void {
		this.load(this.seed());
		this.gofiveMessages = [];
		this.gofiveCustomers = new Map(
			seedCustomers().map((customer) => [customer.customerCode, customer]),
		);
		this.gofiveCustomerEvents = [];
		this.tokens.clear();
		this.tokensIssued = 0;
		this.changed();
	}

	getContact(platform: string, platformId: string, userId: string): Contact | undefined {
		return this.contacts.get(contactKey(platform, platformId, userId));
	}

	getRoom(platform: string, platformId: string, userId: string): ChatRoom | undefined {
		return this.rooms.get(contactKey(platform, platformId, userId));
	}

	/** Stores a new contact and opens its chat room in state 'bot'. */
	addContact(contact: Contact): void {
		const { platform, platform_id, id } = contact.social_profile;
		const key = contactKey(platform, platform_id, id);
		this.contacts.set(key, contact);
		if (!this.rooms.has(key)) {
			this.rooms.set(key, {
				_id: objectId(),
				platform,
				platform_id,
				user_id: id,
				state: 'bot',
				updated_at: contact.created_at,
			});
		}
		this.changed();
	}

	ownerOf(platform: Platform, platformId: string): string | undefined {
		return this.owners.get(platformKey(platform, platformId));
	}

	claim(platform: Platform, platformId: string, business: string): void {
		this.owners.set(platformKey(platform, platformId), business);
		this.changed();
	}

	/** The LINE channel ID known for a bot user id, if any (Oho's webhook names the OA by its channel ID). */
	channelIdOf(platform: Platform, botUserId: string): string | undefined {
		if (platform !== 'line') return undefined;
		for (const [alias, target] of this.channelAliases) {
			if (target === botUserId) return alias.slice('line:'.length);
		}
		return undefined;
	}

	/** LINE chat endpoints accept the provider's channel ID in place of the bot user id. */
	resolveChatPlatformId(platform: Platform, platformId: string): string {
		return (
			(platform === 'line' && this.channelAliases.get(platformKey(platform, platformId))) ||
			platformId
		);
	}

	setRoomState(room: ChatRoom, state: RoomState): void {
		room.state = state;
		room.updated_at = new Date().toISOString();
		this.changed();
	}

	addGofiveMessage(message: GofiveMessage): void {
		this.gofiveMessages.push(message);
		// Trimmed in batches: splicing one off the front of a long array on every message is O(n).
		if (this.gofiveMessages.length >= GOFIVE_MESSAGE_LIMIT + TRIM_BATCH)
			this.gofiveMessages.splice(0, TRIM_BATCH);
		this.changed();
	}

	issueToken(clientId: string, ttlSeconds: number): string {
		const token = `gft_${randomBytes(24).toString('base64url')}`;
		this.tokens.set(token, { clientId, expiresAt: Date.now() + ttlSeconds * 1000 });
		this.tokensIssued++;
		return token;
	}

	/** The client id of a valid issued token, else undefined (unknown or expired). */
	tokenClient(token: string): string | undefined {
		const issued = this.tokens.get(token);
		if (!issued) return undefined;
		if (issued.expiresAt <= Date.now()) {
			this.tokens.delete(token);
			return undefined;
		}
		return issued.clientId;
	}

	expireTokens(): number {
		const n = this.tokens.size;
		this.tokens.clear();
		return n;
	}

	snapshot(): SandboxStateSnapshot {
		return {
			contacts: [...this.contacts.values()],
			rooms: [...this.rooms.values()],
			gofiveMessages: this.gofiveMessages.slice(-GOFIVE_MESSAGE_LIMIT),
			tokensIssued: this.tokensIssued,
			gofiveRooms: [...this.gofiveRooms.values()],
			gofiveCustomers: [...this.gofiveCustomers.values()],
			gofiveCustomerEvents: [...this.gofiveCustomerEvents],
			platforms: Object.fromEntries(this.owners),
		};
	}

	private toDataFile(): DataFile {
		return {
			version: DATA_FILE_VERSION,
			contacts: [...this.contacts.values()],
			rooms: [...this.rooms.values()],
			owners: Object.fromEntries(this.owners),
			channelAliases: Object.fromEntries(this.channelAliases),
			gofiveRooms: [...this.gofiveRooms.values()],
			gofiveMessages: this.gofiveMessages.slice(-GOFIVE_MESSAGE_LIMIT),
		};
	}

	/** Call after every state change: schedules a debounced save when a data file is configured. */
	changed(): void {
		if (!this.dataFile || this.saveTimer) return;
		this.saveTimer = setTimeout(() => {
			this.saveTimer = undefined;
			void this.save();
		}, SAVE_DEBOUNCE_MS);
	}

	/** Writes the data file now (atomically: temp file + rename); saves are serialised. */
	save(): Promise<void> {
		const file = this.dataFile;
		if (!file) return Promise.resolve();
		const json = JSON.stringify(this.toDataFile(), null, 1);
		this.saving = this.saving
			.then(async () => {
				await writeFile(`${file}.tmp`, json);
				await rename(`${file}.tmp`, file);
			})
			.catch((error: Error) => console.error(`sandbox: cannot save ${file}: ${error.message}`));
		return this.saving;
	}

	/** Cancels a pending debounced save and saves now. */
	async flush(): Promise<void> {
		if (this.saveTimer) {
			clearTimeout(this.saveTimer);
			this.saveTimer = undefined;
		}
		await this.save();
	}
}
