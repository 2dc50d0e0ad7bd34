// Owns the production environment of Kerneopgave-bot in one resource group: the bot's managed
// identity, Cosmos DB (the only shared state), the App Service that runs the bot, and the Azure
// Bot registration with its Teams channel. One deployment serves one or several municipalities
// (Entra tenants); the data is kept apart by the tenant id in every partition key, not by infra.
// Deploy: see infra/README.md.

targetScope = 'resourceGroup'

@description('Short lowercase name that all resource names start with.')
@minLength(3)
@maxLength(20)
param baseName string = 'kerneopgave'

@description('Azure region for everything except the Azure Bot, which is global.')
param location string = resourceGroup().location

@description('App Service plan SKU (Linux). B1 is enough for one municipality; alwaysOn needs B1 or higher.')
param appServicePlanSku string = 'B1'

@description('Number of App Service instances. Any instance can serve any request, and reminders are coordinated through Cosmos DB.')
@minValue(1)
param appServicePlanInstanceCount int = 1

@description('Azure Bot SKU. Teams is a standard channel, so F0 has no message limit for it.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@description('Name shown for the bot registration in Azure.')
param botDisplayName string = 'Kerneopgave-bot'

@description('Key that signs the catalogue\'s export links (EXPORT_LINK_SECRET, at least 32 characters). Every instance must share it, or one refuses the links another made. Left out, each deployment makes a new one (newGuid is only allowed as a parameter default): links made in the 15 minutes before a deployment then stop working, which is all a link\'s life is anyway.')
@secure()
@minLength(32)
param exportLinkSecret string = newGuid()

var resourceSuffix = uniqueString(resourceGroup().id)
var normalizedBaseName = toLower(baseName)
var cosmosDatabaseName = 'kerneopgave'
var cosmosBuiltInDataContributorRoleId = '00000000-0000-0000-0000-000000000002'

// Add a container here when a feature needs one: with Entra auth the app's data role cannot create
// databases or containers, so every one must be declared here. Partition key values start with the
// tenant id, so a query scoped to one partition can never return another municipality's documents.
// indexedPaths are the only properties a query filters or orders on (src/adapters/cosmos/containers.ts
// says the same, tests/unit/indexing.test.ts checks both): everything else is not indexed, so a write
// costs what its few queried fields cost, not what a tender's texts and history or an agenda's topics hold.
var cosmosContainers = [
  {
    name: 'directory'
    partitionKeyPath: '/pk'
    indexedPaths: [
      'pk'
      'type'
      'nameFolded'
      'status'
      'email'
    ]
  }
  {
    name: 'tenders'
    partitionKeyPath: '/pk'
    indexedPaths: [
      'pk'
      'type'
      'status'
      'groupId'
      'deadline'
      'createdAt'
      'bidderId'
      'tenderId'
      'number'
      'submittedAt'
      'attentionAt'
      'attention'
      'unshown'
      'shownAt'
      'bidId'
      'konsekvensOpen'
      'evaluationDate'
      'konkretiseringOpen'
      'statusAt'
    ]
  }
  {
    name: 'reminders'
    partitionKeyPath: '/pk'
    indexedPaths: [
      'pk'
      'type'
      'status'
      'dueAt'
      'notBefore'
      'claimedUntil'
      'updatedAt'
      'meetingStart'
      'meetingId'
      'createdAt'
    ]
  }
  {
    name: 'agendas'
    partitionKeyPath: '/pk'
    indexedPaths: [
      'pk'
      'type'
      'attention'
      'meetingStart'
    ]
  }
]

resource botIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-${normalizedBaseName}'
  location: location
}

resource cosmosAccount 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {
  name: 'cosmos-${normalizedBaseName}-${resourceSuffix}'
  location: location
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    // Serverless: the load is bursty (most bids arrive in the last hours before a deadline) and
    // small in total, so paying per request beats provisioned throughput.
    capabilities: [
      {
        name: 'EnableServerless'
      }
    ]
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    // Continuous backup: any second of the last 7 days can be restored (`az cosmosdb restore`, into a
    // new account). Serverless accounts take it: Microsoft's list of continuous backup's limitations
    // names multi-region writes, the Cassandra API and Synapse Link, not serverless. 7 days rather than
    // 30: the 7-day tier's backup storage is free, a week covers a mistake noticed after a weekend or a
    // holiday, and a person erased on request (`persondata`) is gone from the backups a week later
    // instead of a month. A restore brings erased people back: re-run the erasures in the log.
    // Periodic mode cannot be set again once an account is continuous.
    backupPolicy: {
      type: 'Continuous'
      continuousModeProperties: {
        tier: 'Continuous7Days'
      }
    }
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    // Entra ID only: no account keys to leak or rotate; the app signs in with its managed identity.
    disableLocalAuth: true
  }
}

resource cosmosDatabase 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-05-15' = {
  parent: cosmosAccount
  name: cosmosDatabaseName
  properties: {
    resource: {
      id: cosmosDatabaseName
    }
  }
}

resource cosmosContainerResources 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-05-15' = [
  for container in cosmosContainers: {
    parent: cosmosDatabase
    name: container.name
    properties: {
      resource: {
        id: container.name
        partitionKey: {
          paths: [
            container.partitionKeyPath
          ]
          kind: 'Hash'
          version: 2
        }
        indexingPolicy: {
          indexingMode: 'consistent'
          automatic: true
          includedPaths: [for p in container.indexedPaths: { path: '/${p}/?' }]
          excludedPaths: [
            { path: '/*' }
            { path: '/"_etag"/?' }
          ]
        }
      }
    }
  }
]

resource botIdentityCosmosDataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-05-15' = {
  parent: cosmosAccount
  name: guid(cosmosAccount.id, botIdentity.id, cosmosBuiltInDataContributorRoleId)
  properties: {
    roleDefinitionId: '${cosmosAccount.id}/sqlRoleDefinitions/${cosmosBuiltInDataContributorRoleId}'
    principalId: botIdentity.properties.principalId
    scope: cosmosAccount.id
  }
}

resource appServicePlan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: 'plan-${normalizedBaseName}-${resourceSuffix}'
  location: location
  kind: 'linux'
  sku: {
    name: appServicePlanSku
    capacity: appServicePlanInstanceCount
  }
  properties: {
    reserved: true // Linux
  }
}

var webAppName = 'app-${normalizedBaseName}-${resourceSuffix}'

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: webAppName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${botIdentity.id}': {}
    }
  }
  properties: {
    serverFarmId: appServicePlan.id
    httpsOnly: true
    // No sticky sessions: all state is in Cosmos DB, so any instance may take any request.
    clientAffinityEnabled: false
    siteConfig: {
      linuxFxVersion: 'NODE|22-lts'
      // The compiled build, run by node itself: `npm start` would rebuild first (prestart needs the dev
      // dependencies the package does not ship), and npm does not pass SIGTERM on to node. The preload
      // starts OpenTelemetry (when APPLICATIONINSIGHTS_CONNECTION_STRING is set) before the SDKs load.
      appCommandLine: 'node --disable-warning=DEP0111 --import ./dist/telemetry-preload.js dist/main.js'
      // Reminders are sent from inside the bot process; an app unloaded when idle would send none.
      alwaysOn: true
      healthCheckPath: '/healthz'
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      appSettings: [
        {
          name: 'NODE_ENV'
          value: 'production'
        }
        {
          name: 'MicrosoftAppId'
          value: botIdentity.properties.clientId
        }
        {
          name: 'MicrosoftAppType'
          value: 'UserAssignedMSI'
        }
        {
          name: 'MicrosoftAppTenantId'
          value: botIdentity.properties.tenantId
        }
        {
          name: 'COSMOS_ENDPOINT'
          value: cosmosAccount.properties.documentEndpoint
        }
        {
          name: 'COSMOS_DATABASE'
          value: cosmosDatabaseName
        }
        {
          // DefaultAzureCredential picks the user-assigned identity only when told its client id.
          name: 'AZURE_CLIENT_ID'
          value: botIdentity.properties.clientId
        }
        {
          name: 'LOG_LEVEL'
          value: 'info'
        }
        {
          // Where browsers reach the bot: the catalogue's export links point here. The default host name
          // is known before the site exists (the site cannot refer to its own properties here); set a
          // custom domain's address instead if the app gets one.
          name: 'PUBLIC_BASE_URL'
          value: 'https://${webAppName}.azurewebsites.net'
        }
        {
          name: 'EXPORT_LINK_SECRET'
          value: exportLinkSecret
        }
        {
          // Runs the zip from `npm run package` as it is, mounted read-only (az webapp deploy --type zip):
          // no build on the server, and what was tested is what runs.
          name: 'WEBSITE_RUN_FROM_PACKAGE'
          value: '1'
        }
        {
          // Turns on OpenTelemetry (dist/telemetry-preload.js): requests, dependencies, the bot's own spans and counters.
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: appInsights.properties.ConnectionString
        }
      ]
    }
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: 'bot-${normalizedBaseName}-${resourceSuffix}'
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    // Multi-tenant bot registrations can no longer be created; a managed-identity bot still serves
    // users in other tenants that install the Teams app.
    msaAppType: 'UserAssignedMSI'
    msaAppId: botIdentity.properties.clientId
    msaAppMSIResourceId: botIdentity.id
    msaAppTenantId: botIdentity.properties.tenantId
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
      acceptedTerms: true
    }
  }
}

@description('Host name of the web app; the messaging endpoint is https://<host>/api/messages.')
output webAppHostName string = webApp.properties.defaultHostName

@description('Name of the web app, for zip deployment.')
output webAppName string = webApp.name

@description('The bot id (client id of the managed identity): MicrosoftAppId for scripts/build-manifest.ts.')
output botAppId string = botIdentity.properties.clientId

@description('Name of the Azure Bot resource.')
output botName string = bot.name

@description('Cosmos DB endpoint the app connects to.')
output cosmosEndpoint string = cosmosAccount.properties.documentEndpoint

// ---- Monitoring (issue 14): where the bot's telemetry and logs go, and who is told when it goes wrong.
// The bot sends traces and counters to Application Insights (APPLICATIONINSIGHTS_CONNECTION_STRING above);
// App Service and Cosmos DB send their own logs and metrics to the same Log Analytics workspace.

@description('E-mail address the monitoring alerts go to (the municipality\'s IT operations). Left empty, the alerts still fire and show in the Azure portal, but nobody is e-mailed.')
param alertEmail string = ''

@description('Days the Log Analytics workspace keeps logs and telemetry (30 is included in the price).')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-${normalizedBaseName}-${resourceSuffix}'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-${normalizedBaseName}-${resourceSuffix}'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    // Workspace-based: the telemetry lives in the workspace beside the App Service and Cosmos DB logs.
    WorkspaceResourceId: logAnalytics.id
    IngestionMode: 'LogAnalytics'
    // Client IP addresses are personal data: Application Insights stores them as 0.0.0.0.
    DisableIpMasking: false
  }
}

// The web app's HTTP access log (status, time taken; no bodies), its stdout (the bot's application log:
// pino's JSON lines; the AppServiceAppLogs category is filled only for .NET and Java stacks), the
// platform's log (container starts, stops and health-check restarts) and its metrics (Http5xx, memory).
resource webAppDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: webApp
  properties: {
    workspaceId: logAnalytics.id
    logs: [
      {
        category: 'AppServiceHTTPLogs'
        enabled: true
      }
      {
        category: 'AppServiceConsoleLogs'
        enabled: true
      }
      {
        category: 'AppServicePlatformLogs'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

// Every Cosmos DB request (operation, status, RU charge, duration) in the resource-specific table
// CDBDataPlaneRequests: what a slow click or a 429 cost, without the documents' contents.
resource cosmosDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: cosmosAccount
  properties: {
    workspaceId: logAnalytics.id
    logAnalyticsDestinationType: 'Dedicated'
    logs: [
      {
        category: 'DataPlaneRequests'
        enabled: true
      }
    ]
  }
}

var alertEmailReceivers = empty(alertEmail) ? [] : [
  {
    name: 'it-operations'
    emailAddress: alertEmail
    useCommonAlertSchema: true
  }
]

resource alertActionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: 'ag-${normalizedBaseName}-${resourceSuffix}'
  location: 'global'
  properties: {
    groupShortName: 'kerneopgave'
    enabled: true
    emailReceivers: alertEmailReceivers
  }
}

// Errors the bot answered Teams with (or App Service answered for it): a few are a bug or an outage,
// and Teams shows users "something went wrong".
resource http5xxAlert 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: 'alert-${normalizedBaseName}-http-5xx'
  location: 'global'
  properties: {
    description: 'The bot answered more than 5 requests with HTTP 5xx in 15 minutes. See AppServiceHTTPLogs and Application Insights\' failed requests.'
    severity: 2
    enabled: true
    scopes: [
      webApp.id
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'Http5xx'
          metricNamespace: 'Microsoft.Web/sites'
          metricName: 'Http5xx'
          operator: 'GreaterThan'
          threshold: 5
          timeAggregation: 'Total'
        }
      ]
    }
    autoMitigate: true
    actions: [
      {
        actionGroupId: alertActionGroup.id
      }
    ]
  }
}

// A scheduler loop (tenders, planner, reminders, agendas, outbox; the hourly retention sweep fails too seldom to reach it) that keeps failing: reminders and
// notices stop going out. Counted by the bot (scheduler.failures, by loop.name), so sampling of traces
// never hides one; three failed runs in 15 minutes is past a passing Cosmos DB or Teams hiccup.
resource failingLoopAlert 'Microsoft.Insights/scheduledQueryRules@2023-03-15-preview' = {
  name: 'alert-${normalizedBaseName}-failing-loop'
  location: location
  kind: 'LogAlert'
  properties: {
    displayName: 'Kerneopgave-bot: a scheduler loop is failing'
    description: 'A scheduler loop failed 3 or more times in 15 minutes. /healthz shows each loop\'s last success and error kind; the bot\'s log says "loop failed" with the error.'
    severity: 2
    enabled: true
    scopes: [
      appInsights.id
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      allOf: [
        {
          query: 'customMetrics | where name == "scheduler.failures" | extend loop = tostring(customDimensions["loop.name"]) | summarize failures = sum(valueSum) by loop'
          timeAggregation: 'Total'
          metricMeasureColumn: 'failures'
          dimensions: [
            {
              name: 'loop'
              operator: 'Include'
              values: [
                '*'
              ]
            }
          ]
          operator: 'GreaterThanOrEqual'
          threshold: 3
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: [
        alertActionGroup.id
      ]
    }
  }
}

// Reminders given up on: the bot was removed from a kernegruppe's chat, a person has not got the app,
// or Teams kept refusing. The admins are told in Teams too; IT is told because the fix (pre-installing
// the app, re-adding the bot) is usually theirs.
resource undeliverableRemindersAlert 'Microsoft.Insights/scheduledQueryRules@2023-03-15-preview' = {
  name: 'alert-${normalizedBaseName}-undeliverable-reminders'
  location: location
  kind: 'LogAlert'
  properties: {
    displayName: 'Kerneopgave-bot: reminders could not be delivered'
    description: 'One or more reminders were given up on in the last hour (reminders.failed). The admins\' notice in Teams says which chat or person, and the command "påmindelser" lists them.'
    severity: 3
    enabled: true
    scopes: [
      appInsights.id
    ]
    evaluationFrequency: 'PT15M'
    windowSize: 'PT1H'
    criteria: {
      allOf: [
        {
          query: 'customMetrics | where name == "reminders.failed" | summarize failed = sum(valueSum)'
          timeAggregation: 'Total'
          metricMeasureColumn: 'failed'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: [
        alertActionGroup.id
      ]
    }
  }
}

// /readyz from three European test locations every 5 minutes: the bot answers and reaches Cosmos DB.
var readyzTestName = 'readyz-${normalizedBaseName}-${resourceSuffix}'

resource readyzTest 'Microsoft.Insights/webtests@2022-06-15' = {
  name: readyzTestName
  location: location
  kind: 'standard'
  tags: {
    // Ties the test to the Application Insights resource (the portal's Availability blade).
    'hidden-link:${appInsights.id}': 'Resource'
  }
  properties: {
    SyntheticMonitorId: readyzTestName
    Name: 'Kerneopgave-bot /readyz'
    Kind: 'standard'
    Enabled: true
    Frequency: 300
    Timeout: 30
    RetryEnabled: true
    Locations: [
      {
        Id: 'emea-nl-ams-azr'
      }
      {
        Id: 'emea-gb-db3-azr'
      }
      {
        Id: 'emea-fr-pra-edge'
      }
    ]
    Request: {
      RequestUrl: 'https://${webApp.properties.defaultHostName}/readyz'
      HttpVerb: 'GET'
      ParseDependentRequests: false
    }
    ValidationRules: {
      ExpectedHttpStatusCode: 200
      SSLCheck: true
      SSLCertRemainingLifetimeCheck: 7
    }
  }
}

resource readyzAlert 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: 'alert-${normalizedBaseName}-readyz'
  location: 'global'
  properties: {
    description: 'The bot\'s /readyz failed from 2 of 3 test locations: the bot is down or cannot reach Cosmos DB.'
    severity: 1
    enabled: true
    scopes: [
      readyzTest.id
      appInsights.id
    ]
    evaluationFrequency: 'PT1M'
    windowSize: 'PT5M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.WebtestLocationAvailabilityCriteria'
      webTestId: readyzTest.id
      componentId: appInsights.id
      failedLocationCount: 2
    }
    autoMitigate: true
    actions: [
      {
        actionGroupId: alertActionGroup.id
      }
    ]
  }
}

@description('Application Insights resource: the bot\'s requests, dependencies, spans and counters.')
output appInsightsName string = appInsights.name

@description('Log Analytics workspace holding App Service\'s and Cosmos DB\'s logs and the telemetry.')
output logAnalyticsWorkspaceName string = logAnalytics.name

@description('Log Analytics workspace id (its customer id), for queries from the command line.')
output logAnalyticsWorkspaceId string = logAnalytics.properties.customerId
