export type {
  AppMode,
  BannerConfig,
  ClientConfig,
  Config,
  ConfigOverrides,
  ConfigSources,
  DbConfig,
  DbDriver,
  DbPoolConfig,
  DeepPartial,
  DelegateVersion,
  HttpConfig,
  JaegerSamplerType,
  LogConfig,
  LogFormat,
  LogLevel,
  ManageConfig,
  MemConfig,
  ServiceConfig,
  TracingConfig,
} from './types';
export { loadConfig, loadConfigAndFiles, type LoadConfigOptions } from './load';
export {
  GOSSIP_PROFILES,
  GOSSIP_DEFAULTS,
  META_MAX_SIZE,
  type AddrEncoding,
  type GossipProfile,
  type GossipTimings,
} from './gossip-options';
export { dotenvFileNames } from './dotenv-files';
export { applyDotenv, environmentWithFiles, type ConfigFiles } from './config-files';
export { InvalidConfigError, type ConfigIssue } from './invalid-config-error';
export { configWarnings } from './warnings';
export { renderConfigTable } from './render-table';
export { CONFIG_VARIABLES, type ConfigVariable, type VariableGroup } from './variables';
export { parseGoDuration, formatDuration } from './duration';
export { decodeGossipKeys, redactConfig, redactUrlCredentials, REDACTED } from './secrets';
