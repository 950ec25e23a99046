CREATE TABLE `sellers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`accent_color` text DEFAULT '#1f6feb' NOT NULL,
	`logo` blob,
	`logo_type` text,
	`logo_version` text,
	`support_email` text,
	`support_phone` text,
	`support_url` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sellers_slug_unique` ON `sellers` (`slug`);--> statement-breakpoint
CREATE TABLE `api_keys` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`seller_id` integer NOT NULL,
	`name` text NOT NULL,
	`key_hash` text NOT NULL,
	`prefix` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer,
	FOREIGN KEY (`seller_id`) REFERENCES `sellers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_key_hash_unique` ON `api_keys` (`key_hash`);--> statement-breakpoint
CREATE INDEX `api_keys_seller_idx` ON `api_keys` (`seller_id`);--> statement-breakpoint
CREATE TABLE `orders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`seller_id` integer NOT NULL,
	`order_number` text NOT NULL,
	`customer_first_name` text,
	`language` text,
	`dest_city` text,
	`dest_region` text,
	`dest_postal_code` text,
	`dest_country` text NOT NULL,
	`time_zone` text NOT NULL,
	`time_zone_basis` text NOT NULL,
	`time_zone_assumed` integer NOT NULL,
	`promised_date` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`seller_id`) REFERENCES `sellers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `orders_seller_number_uq` ON `orders` (`seller_id`,`order_number`);--> statement-breakpoint
CREATE TABLE `packages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`order_id` integer NOT NULL,
	`carrier` text NOT NULL,
	`tracking_number` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `packages_order_tracking_uq` ON `packages` (`order_id`,`tracking_number`);--> statement-breakpoint
CREATE TABLE `items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`order_id` integer NOT NULL,
	`package_id` integer,
	`name` text NOT NULL,
	`quantity` integer NOT NULL,
	`sku` text,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`package_id`) REFERENCES `packages`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `items_order_idx` ON `items` (`order_id`);--> statement-breakpoint
CREATE TABLE `tracking_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`order_id` integer NOT NULL,
	`package_id` integer,
	`source` text NOT NULL,
	`external_id` text,
	`payload_hash` text NOT NULL,
	`type` text NOT NULL,
	`occurred_at` integer NOT NULL,
	`received_at` integer NOT NULL,
	`city` text,
	`region` text,
	`country` text,
	`stops_away` integer,
	`window_start` integer,
	`window_end` integer,
	`delivered_to` text,
	`signature_required` integer,
	`note` text,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`package_id`) REFERENCES `packages`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `tracking_events_order_idx` ON `tracking_events` (`order_id`,`occurred_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `tracking_events_external_uq` ON `tracking_events` (`order_id`,`source`,`external_id`);--> statement-breakpoint
CREATE TABLE `tracking_links` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`order_id` integer NOT NULL,
	`version` integer NOT NULL,
	`salt` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tracking_links_token_hash_unique` ON `tracking_links` (`token_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `tracking_links_order_version_uq` ON `tracking_links` (`order_id`,`version`);