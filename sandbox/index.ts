export { DEMO, DEMO_OHO_ACCOUNT, type DemoData } from './demo';
export { startSandbox } from './server';
export { storedForm } from './storedForm';
export type {
	ChatRoom,
	Contact,
	ContactAttribute,
	FaultKind,
	FaultRule,
	GofiveCustomer,
	GofiveCustomerEvent,
	GofiveMessage,
	GofiveRoom,
	Knobs,
	KnobsPatch,
	Platform,
	RecordedRequest,
	RequestFilter,
	RoomState,
	Sandbox,
	SandboxOptions,
	SandboxStateSnapshot,
	SocialProfile,
	WebhookDeliveryRecord,
	WebhookRegistration,
} from './types';
